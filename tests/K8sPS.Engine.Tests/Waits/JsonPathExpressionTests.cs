using System.Text.Json.Nodes;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Waits;

namespace K8sPS.Engine.Tests.Waits;

/// <summary>JsonPathExpression follows client-go's jsonpath (parser.go, jsonpath.go) with missing keys allowed, as kubectl wait uses it.</summary>
public class JsonPathExpressionTests
{
    internal const string PodJson = """
    {
      "apiVersion": "v1", "kind": "Pod",
      "metadata": {
        "name": "web-1", "namespace": "shop", "uid": "uid-web-1", "generation": 1, "deletionTimestamp": null,
        "annotations": { "kubernetes.io/change-cause": "set image", "plain": "x" },
        "labels": { "app": "web" }
      },
      "spec": {
        "containers": [
          { "name": "app", "image": "nginx:1.25", "ports": [ { "containerPort": 80 } ] },
          { "name": "side", "image": "envoy:1.30" }
        ]
      },
      "status": {
        "phase": "Running",
        "podIP": "10.0.0.7",
        "conditions": [
          { "type": "Initialized", "status": "True" },
          { "type": "Ready", "status": "False", "reason": "ContainersNotReady", "message": "containers with unready status: [side]" },
          { "type": "PodScheduled", "status": "True" }
        ],
        "containerStatuses": [
          { "name": "app", "ready": true, "restartCount": 3, "state": { "running": { "startedAt": "2024-05-01T10:00:00Z" } } },
          { "name": "side", "ready": false, "restartCount": 0, "state": { "waiting": { "reason": "CrashLoopBackOff" } } }
        ],
        "load": 0.5
      }
    }
    """;

    private static List<string?> Find(string expression)
        => JsonPathExpression.Parse(JsonPathExpression.Relax(expression)).Evaluate(JsonNode.Parse(PodJson))
            .Select(n => n is null ? null : n is JsonValue v ? v.ToString() : n.ToJsonString()).ToList();

    [Theory]
    [InlineData("status.phase")]
    [InlineData(".status.phase")]
    [InlineData("{status.phase}")]
    [InlineData("{.status.phase}")]
    public void The_relaxed_forms_all_mean_the_same(string expression)
    {
        Assert.Equal("{.status.phase}", JsonPathExpression.Relax(expression));
        Assert.Equal(["Running"], Find(expression));
    }

    [Theory]
    [InlineData("{.spec.containers[0].image}", new[] { "nginx:1.25" })]
    [InlineData("{.spec.containers[-1].name}", new[] { "side" })]
    [InlineData("{.spec.containers[*].name}", new[] { "app", "side" })]
    [InlineData("{.spec.containers.*.name}", new[] { "app", "side" })]
    [InlineData("{.spec.containers[0:1].name}", new[] { "app" })]
    [InlineData("{.spec.containers[1:].name}", new[] { "side" })]
    [InlineData("{.spec.containers[::2].name}", new[] { "app" })]
    [InlineData("{.spec.containers[0,1].image}", new[] { "nginx:1.25", "envoy:1.30" })]
    [InlineData("{.spec.containers[0]['name']}", new[] { "app" })]
    [InlineData(@"{.metadata.annotations.kubernetes\.io/change-cause}", new[] { "set image" })]
    [InlineData("{.status.conditions[?(@.type==\"Ready\")].status}", new[] { "False" })]
    [InlineData("{.status.conditions[?(@.type=='Ready')].reason}", new[] { "ContainersNotReady" })]
    [InlineData("{.status.conditions[?(@.status!=\"True\")].type}", new[] { "Ready" })]
    [InlineData("{.status.containerStatuses[?(@.restartCount>1)].name}", new[] { "app" })]
    [InlineData("{.status.containerStatuses[?(@.restartCount<=0)].name}", new[] { "side" })]
    [InlineData("{.status.containerStatuses[?(@.ready==true)].name}", new[] { "app" })]
    [InlineData("{.status.containerStatuses[?(@.state.waiting)].state.waiting.reason}", new[] { "CrashLoopBackOff" })]
    [InlineData("{.status.load}", new[] { "0.5" })]
    [InlineData("{..containerPort}", new[] { "80" })]
    [InlineData("{.status.nope}", new string[0])]
    [InlineData("{.nope.deeper[0].still}", new string[0])]
    [InlineData("{.spec.containers.name}", new string[0])]
    [InlineData("{.status.conditions[?(@.type==\"Gone\")].status}", new string[0])]
    public void Expressions_find_what_kubectl_finds(string expression, string[] expected)
        => Assert.Equal(expected, Find(expression));

    [Fact]
    public void A_json_null_is_found_as_null()
        => Assert.Equal([null], Find("{.metadata.deletionTimestamp}"));

    [Fact]
    public void Recursive_descent_reaches_every_level()
        => Assert.Equal(["nginx:1.25", "envoy:1.30"], Find("{..image}"));

    [Fact]
    public void A_bracketed_key_is_read_whole_even_with_dots()
        => Assert.Equal(["set image"], Find("{.metadata.annotations['kubernetes.io/change-cause']}"));

    [Theory]
    [InlineData("{.spec.containers[2].name}", "array index out of bounds: index 2, length 2")]
    [InlineData("{.spec.containers[-3].name}", "array index out of bounds: index -1, length 2")]
    [InlineData("{.metadata[0]}", "map[string]interface {} is not array or slice")]
    [InlineData("{.metadata.labels[?(@.app)]}", "is not array or slice and cannot be filtered")]
    [InlineData("{.status.containerStatuses[?(@.restartCount==\"3\")].name}", "incompatible types for comparison")]
    [InlineData("{.status.containerStatuses[?(@.ready>false)].name}", "invalid type for comparison")]
    [InlineData("{.spec.containers[0:2:0].name}", "step must be > 0")]
    public void Evaluation_errors_are_kubectls(string expression, string message)
    {
        var error = Assert.Throws<K8sException>(() => Find(expression)).Error;
        Assert.Equal("JsonPathEvaluationFailed", error.ErrorId);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(expression, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{.a[}", "unterminated array")]
    [InlineData("{.a[x]}", "invalid array index x")]
    [InlineData("{.a[?(@.x==1]}", "unterminated filter")]
    [InlineData("{.a[?(@.x==1)}", "unclosed array expect ]")]
    [InlineData("{.a[?(@.x=1)]}", "unrecognized filter operator =")]
    [InlineData("{.a[?(@.x==\"1)]}", "unterminated filter")]
    [InlineData("{.a", "unclosed action")]
    [InlineData("{.a....b}", "invalid multiple recursive descent")]
    [InlineData("{.a[?(@.x==1.2.3)]}", "cannot parse number 1.2.3")]
    [InlineData("{.a} {.b}", "text after it is not supported")]
    [InlineData("{range .items}", "is not supported in a wait condition")]
    [InlineData("{.a[?(@.x==foo)]}", "unrecognized identifier foo")]
    [InlineData("{.a #}", "unrecognized character in action: U+0023 '#'")]
    public void Parse_errors_say_what_is_wrong(string expression, string message)
    {
        var error = Assert.Throws<K8sException>(() => JsonPathExpression.Parse(expression)).Error;
        Assert.Equal("InvalidJsonPath", error.ErrorId);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{.a}{.b}")]
    [InlineData("{.a")]
    [InlineData("{}")]
    public void Braces_beyond_one_pair_are_refused_by_the_relaxed_form(string expression)
        => Assert.StartsWith("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
            Assert.Throws<K8sException>(() => JsonPathExpression.Relax(expression)).Error.Message, StringComparison.Ordinal);
}
