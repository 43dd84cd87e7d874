using System.Text.Json.Nodes;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Waits;

namespace K8sPS.Engine.Tests.Waits;

/// <summary>
/// WaitCondition parses `kubectl wait --for` as kubectl 1.32 does (the parse errors were checked against
/// kubectl 1.32.4, which reports them before it contacts a server) and checks objects by its rules.
/// </summary>
public class WaitConditionTests
{
    private static JsonObject Pod(Action<JsonObject>? edit = null)
    {
        var pod = JsonNode.Parse(JsonPathExpressionTests.PodJson)!.AsObject();
        edit?.Invoke(pod);
        return pod;
    }

    [Theory]
    [InlineData("delete", WaitKind.Delete)]
    [InlineData("DELETE", WaitKind.Delete)]
    [InlineData("create", WaitKind.Create)]
    [InlineData("Create", WaitKind.Create)]
    public void Delete_and_create_in_any_case(string spec, WaitKind kind)
        => Assert.Equal(kind, WaitCondition.Parse(spec).Kind);

    [Theory]
    [InlineData("condition=Ready", "Ready", "true")]
    [InlineData("condition=Ready=False", "Ready", "False")]
    [InlineData("condition=Available=true", "Available", "true")]
    [InlineData("condition=Progressing=a=b", "Progressing", "a=b")]
    public void Condition_type_and_value(string spec, string type, string status)
    {
        var c = WaitCondition.Parse(spec);
        Assert.Equal(WaitKind.Condition, c.Kind);
        Assert.Equal(type, c.ConditionType);
        Assert.Equal(status, c.ConditionStatus);
    }

    [Theory]
    [InlineData("jsonpath={.status.phase}=Running", "{.status.phase}", "Running")]
    [InlineData("jsonpath=.status.phase=Running", "{.status.phase}", "Running")]
    [InlineData("jsonpath={.status.phase}='Running'", "{.status.phase}", "Running")]
    [InlineData("jsonpath={.status.phase}=\"Running\"", "{.status.phase}", "Running")]
    [InlineData("jsonpath={.status.loadBalancer.ingress}", "{.status.loadBalancer.ingress}", null)]
    [InlineData("jsonpath={.status.conditions[?(@.type==\"Ready\")].status}=True", "{.status.conditions[?(@.type==\"Ready\")].status}", "True")]
    public void Jsonpath_expression_and_value(string spec, string path, string? value)
    {
        var c = WaitCondition.Parse(spec);
        Assert.Equal(WaitKind.JsonPath, c.Kind);
        Assert.Equal(path, c.Path!.Text);
        Assert.Equal(value, c.ExpectedValue);
    }

    public static TheoryData<string, string> KubectlParseErrors()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in TestData.Read("kubectl/wait/parse-errors.tsv").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var (spec, message) = (line[..line.IndexOf('\t', StringComparison.Ordinal)], line[(line.IndexOf('\t', StringComparison.Ordinal) + 1)..]);
            data.Add(spec, message["error: ".Length..]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KubectlParseErrors))]
    public void Bad_specs_are_refused_with_the_words_kubectl_1_32_used(string spec, string kubectl)
    {
        var error = Assert.Throws<K8sException>(() => WaitCondition.Parse(spec)).Error;
        Assert.True(error.ErrorId is "InvalidWaitCondition" or "InvalidJsonPath", error.ErrorId);
        Assert.Equal(K8sErrorCategory.InvalidArgument, error.Category);
        Assert.StartsWith(kubectl, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.RecommendedAction);
    }

    [Theory]
    // kubectl accepts these and then waits for a condition no object has; refused here
    [InlineData("condition=", "\"condition=\" names no condition type")]
    [InlineData("condition=Ready=", "\"condition=Ready=\" has no condition value")]
    public void Empty_condition_types_and_values_are_refused(string spec, string message)
    {
        var error = Assert.Throws<K8sException>(() => WaitCondition.Parse(spec)).Error;
        Assert.Equal("InvalidWaitCondition", error.ErrorId);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_is_met_case_insensitively_in_type_and_status()
    {
        Assert.True(WaitCondition.Parse("condition=initialized").Check(Pod()).Met);
        Assert.True(WaitCondition.Parse("condition=Ready=false").Check(Pod()).Met);
        Assert.True(WaitCondition.Parse("condition=PodScheduled=TRUE").Check(Pod()).Met);
    }

    [Fact]
    public void An_unmet_condition_says_what_it_is_and_why()
    {
        var check = WaitCondition.Parse("condition=Ready").Check(Pod());
        Assert.False(check.Met);
        Assert.Equal("condition Ready is False (ContainersNotReady: containers with unready status: [side])", check.Observed);
    }

    [Fact]
    public void A_missing_condition_lists_the_ones_there_are()
    {
        var check = WaitCondition.Parse("condition=Available").Check(Pod());
        Assert.False(check.Met);
        Assert.Equal("no Available condition; the conditions are Initialized=True, Ready=False, PodScheduled=True", check.Observed);
        Assert.Equal("the object has no status.conditions", WaitCondition.Parse("condition=Ready").Check(Pod(p => p["status"]!.AsObject().Remove("conditions"))).Observed);
    }

    [Fact]
    public void A_condition_observed_for_an_older_generation_is_not_met_yet()
    {
        var behind = Pod(p =>
        {
            p["metadata"]!["generation"] = 3;
            p["status"]!["observedGeneration"] = 2;
        });
        var check = WaitCondition.Parse("condition=Initialized").Check(behind);
        Assert.False(check.Met);
        Assert.Equal("condition Initialized is True, but it was observed at generation 2 and the object is at generation 3", check.Observed);

        // the condition's own observedGeneration wins over the status's
        behind["status"]!["conditions"]![0]!["observedGeneration"] = 3;
        Assert.True(WaitCondition.Parse("condition=Initialized").Check(behind).Met);
    }

    [Fact]
    public void Conditions_that_are_not_a_list_end_the_wait()
    {
        var odd = Pod(p => p["status"]!["conditions"] = "Ready");
        Assert.Equal("WaitConditionUnusable", Assert.Throws<K8sException>(() => WaitCondition.Parse("condition=Ready").Check(odd)).Error.ErrorId);
    }

    [Theory]
    [InlineData("jsonpath={.status.phase}=Running", true, "{.status.phase} is \"Running\"")]
    [InlineData("jsonpath={.status.phase}=running", false, "{.status.phase} is \"Running\"")]
    [InlineData("jsonpath={.status.phase}= Running ", true, "{.status.phase} is \"Running\"")]
    [InlineData("jsonpath={.status.containerStatuses[0].restartCount}=3", true, "{.status.containerStatuses[0].restartCount} is 3")]
    [InlineData("jsonpath={.status.containerStatuses[1].ready}=true", false, "{.status.containerStatuses[1].ready} is false")]
    [InlineData("jsonpath={.status.load}=0.5", true, "{.status.load} is 0.5")]
    [InlineData("jsonpath={.status.podIP}", true, "{.status.podIP} is \"10.0.0.7\"")]
    [InlineData("jsonpath={.status.hostIP}", false, "{.status.hostIP} is not set")]
    [InlineData("jsonpath={.metadata.deletionTimestamp}=<nil>", true, "{.metadata.deletionTimestamp} is <nil>")]
    [InlineData("jsonpath={.status.conditions[?(@.type==\"Ready\")].status}=True", false, "{.status.conditions[?(@.type==\"Ready\")].status} is \"False\"")]
    public void A_jsonpath_value_is_compared_exactly_as_kubectl_prints_it(string spec, bool met, string observed)
        => Assert.Equal(new WaitCheck(met, observed), WaitCondition.Parse(spec).Check(Pod()));

    [Fact]
    public void A_jsonpath_reaching_several_values_or_a_map_ends_the_wait_with_kubectls_error()
    {
        var error = Assert.Throws<K8sException>(() => WaitCondition.Parse("jsonpath={.spec.containers[*].name}=app").Check(Pod())).Error;
        Assert.Equal("WaitConditionUnusable", error.ErrorId);
        Assert.StartsWith("given jsonpath expression matches more than one value: {.spec.containers[*].name} found 2 (app, side)", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<K8sException>(() => WaitCondition.Parse("jsonpath={.metadata.labels}=x").Check(Pod())).Error;
        Assert.StartsWith("jsonpath leads to a nested object or list which is not supported: {.metadata.labels} is map[app:web]", error.Message, StringComparison.Ordinal);

        // waiting for any value is fine with a map
        Assert.True(WaitCondition.Parse("jsonpath={.metadata.labels}").Check(Pod()).Met);
    }

    [Fact]
    public void Delete_is_met_when_the_object_is_gone_or_was_replaced()
    {
        var delete = WaitCondition.Parse("delete");
        Assert.Equal(new WaitCheck(true, "the object is gone"), delete.Check(null));
        Assert.True(delete.Check(Pod(), originalUid: "uid-of-the-first-web-1").Met);
        Assert.Equal(new WaitCheck(false, "the object still exists and is not being deleted"), delete.Check(Pod(), originalUid: "uid-web-1"));
        var stuck = Pod(p =>
        {
            p["metadata"]!["deletionTimestamp"] = "2024-05-01T11:59:00Z";
            p["metadata"]!["finalizers"] = new JsonArray("example.com/cleanup");
        });
        Assert.Equal("the object is being deleted (since 2024-05-01T11:59:00Z); waiting for finalizers: example.com/cleanup", delete.Check(stuck).Observed);
    }

    [Fact]
    public void Create_is_met_once_the_object_exists()
    {
        Assert.False(WaitCondition.Parse("create").Check(null).Met);
        Assert.True(WaitCondition.Parse("create").Check(Pod()).Met);
        Assert.Equal(new WaitCheck(false, "the object does not exist"), WaitCondition.Parse("condition=Ready").Check(null));
    }

    [Fact]
    public void The_timeout_error_is_kubectls_and_says_what_was_last_seen()
    {
        var c = WaitCondition.Parse("condition=Ready");
        var error = c.TimeoutError("pods", "web-1", c.Check(Pod()), "shop");
        Assert.Equal("WaitTimeout", error.ErrorId);
        Assert.Equal(K8sErrorCategory.Timeout, error.Category);
        Assert.Equal("timed out waiting for the condition on pods/web-1 (condition Ready=true); last seen: condition Ready is False (ContainersNotReady: containers with unready status: [side])", error.Message);
        Assert.Equal("timed out waiting for the condition on pods/web-1", c.TimeoutError("pods", "web-1", null).Message);
    }

    [Theory]
    [InlineData(0.5, "0.5")]
    [InlineData(3.0, "3")]
    [InlineData(123456.5, "123456.5")]
    [InlineData(1234567.0, "1.234567e+06")]
    [InlineData(1e21, "1e+21")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-2.5e-7, "-2.5e-07")]
    public void Floats_print_as_gos_percent_v(double value, string expected)
        => Assert.Equal(expected, WaitCondition.GoFloat(value));
}
