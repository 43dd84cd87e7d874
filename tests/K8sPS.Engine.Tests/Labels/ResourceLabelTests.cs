using System.Text.Json.Nodes;
using k8s.Models;
using K8sPS.Engine.Api;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Labels;
using K8sPS.Engine.Rollouts;
using K8sPS.Engine.Tests.Apply;

namespace K8sPS.Engine.Tests.Labels;

/// <summary>
/// Set-K8sResourceLabel's Engine path for any kind: labels read from the object as the server sent it, kubectl's
/// merge patch sent through the dynamic client (its content type, the item's path), kubectl's NotFound, and a 409
/// read again and retried, against a loopback apiserver.
/// </summary>
public class ResourceLabelTests
{
    private const string Cm = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1","namespace":"default","resourceVersion":"7","labels":{"app":"web","tier":"front"}},"data":{"k":"v"}}""";

    private static readonly ApiResource Deployments = new("apps", "v1", "Deployment", "deployments", "deployment", true, ["deploy"], ["get", "patch"], true);

    [Fact]
    public void Labels_are_read_from_any_kinds_metadata_and_an_object_without_labels_has_none()
    {
        Assert.Equal(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" }, LabelEdit.LabelsOf(JsonNode.Parse(Cm)));
        Assert.Empty(LabelEdit.LabelsOf(JsonNode.Parse("""{"kind":"Deployment","metadata":{"name":"d"}}""")));
        Assert.Empty(LabelEdit.LabelsOf(JsonNode.Parse("""{"metadata":{"name":"d","labels":null}}""")));
        Assert.Empty(LabelEdit.LabelsOf(null));
    }

    [Theory]
    [InlineData(V1Patch.PatchType.MergePatch, "application/merge-patch+json")]
    [InlineData(V1Patch.PatchType.StrategicMergePatch, "application/strategic-merge-patch+json")]
    [InlineData(V1Patch.PatchType.JsonPatch, "application/json-patch+json")]
    [InlineData(V1Patch.PatchType.ApplyPatch, "application/apply-patch+yaml")]
    public void A_patch_names_its_content_type_for_the_dynamic_path(V1Patch.PatchType type, string contentType)
        => Assert.Equal(contentType, new PatchRequest("{}", type).ContentType);

    [Fact]
    public async Task The_label_patch_goes_to_the_objects_path_as_kubectls_merge_patch_and_the_answer_is_the_object_after()
    {
        var after = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1","namespace":"default","labels":{"app":"web","tier":"back"}}}""";
        await using var server = new FakeApiServer("1.20.2", r => r.Method == "PATCH" ? new FakeAnswer(200, after) : new FakeAnswer(404, "{}"));
        var client = new ResourceClient(server.Rest());
        var cm = await client.ResolveAsync("cm", CancellationToken.None);
        var edit = LabelEdit.Plan(cm.Kind, "cm1", LabelEdit.LabelsOf(JsonNode.Parse(Cm)), new Dictionary<string, string> { ["tier"] = "back" }, ["gone"], overwrite: true);

        var updated = await client.PatchAsync(cm, "default", "cm1", edit.Patch!, CancellationToken.None);

        var sent = Assert.Single(server.Requests);
        Assert.Equal("PATCH", sent.Method);
        Assert.Equal("/api/v1/namespaces/default/configmaps/cm1", sent.Path);
        Assert.Equal("application/merge-patch+json", sent.ContentType);
        Assert.Equal("""{"metadata":{"labels":{"tier":"back"}}}""", sent.Body);
        Assert.Equal(["gone"], edit.MissingKeys);
        Assert.Equal("back", updated["metadata"]!["labels"]!["tier"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_missing_object_is_kubectls_NotFound_naming_the_kind_name_and_namespace()
    {
        await using var server = new FakeApiServer("1.20.2", _ => new FakeAnswer(404, """{"kind":"Status","status":"Failure","reason":"NotFound","code":404}"""));
        var client = new ResourceClient(server.Rest());
        var patch = new PatchRequest("""{"metadata":{"labels":{"a":"b"}}}""", V1Patch.PatchType.MergePatch);

        var error = (await Assert.ThrowsAsync<K8sException>(() => client.PatchAsync(Deployments, "shop", "web", patch, CancellationToken.None))).Error;

        Assert.Equal("NotFound", error.ErrorId);
        Assert.Equal("deployments.apps \"web\" not found in namespace \"shop\"", error.Message);
        Assert.Equal("/apis/apps/v1/namespaces/shop/deployments/web", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task A_conflict_reads_the_object_again_and_plans_the_edit_on_what_it_reads()
    {
        // The first patch meets 409 (changed meanwhile); the second read finds tier set by someone else, so without
        // -Overwrite the retried edit is refused: the edit is planned on each read, never on the stale one.
        var reads = 0;
        var patches = 0;
        await using var server = new FakeApiServer("1.20.2", r => r.Method switch
        {
            "GET" => new FakeAnswer(200, Interlocked.Increment(ref reads) == 1
                ? """{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"cm1","namespace":"default"}}"""
                : """{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"cm1","namespace":"default","labels":{"tier":"db"}}}"""),
            "PATCH" => Interlocked.Increment(ref patches) == 1
                ? new FakeAnswer(409, """{"kind":"Status","status":"Failure","reason":"Conflict","code":409,"message":"the object has been modified"}""")
                : new FakeAnswer(200, r.Body),
            _ => new FakeAnswer(404, "{}"),
        });
        var client = new ResourceClient(server.Rest());
        var cm = await client.ResolveAsync("configmaps", CancellationToken.None);
        var set = new Dictionary<string, string> { ["tier"] = "front" };

        var error = (await Assert.ThrowsAsync<K8sException>(() => ConflictRetry.RunAsync(async _ =>
        {
            var live = await client.GetAsync(cm, "default", "cm1", CancellationToken.None);
            var edit = LabelEdit.Plan(cm.Kind, "cm1", LabelEdit.LabelsOf(live), set, [], overwrite: false);
            await client.PatchAsync(cm, "default", "cm1", edit.Patch!, CancellationToken.None);
        }, CancellationToken.None))).Error;

        Assert.Equal("LabelExists", error.ErrorId);
        Assert.Contains("'tier' already has a value (db)", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, reads);
        Assert.Equal(1, patches);
    }
}
