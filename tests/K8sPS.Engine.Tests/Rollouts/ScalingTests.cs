using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using K8sPS.Engine.Editing;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Rollouts;

namespace K8sPS.Engine.Tests.Rollouts;

/// <summary>Scaling follows kubectl's pkg/scale: a merge patch without preconditions, read-check-replace with them.</summary>
public class ScalingTests
{
    private static string ScaleJson(int replicas, string rv = "41", int? statusReplicas = null) => KubernetesJson.Serialize(new V1Scale
    {
        ApiVersion = "autoscaling/v1",
        Kind = "Scale",
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop", ResourceVersion = rv },
        Spec = new V1ScaleSpec { Replicas = replicas },
        Status = new V1ScaleStatus { Replicas = statusReplicas ?? replicas },
    });

    [Fact]
    public void The_patch_is_kubectls_merge_patch()
        => Assert.Equal(new PatchRequest("""{"spec":{"replicas":5}}""", V1Patch.PatchType.MergePatch), Scaling.Patch(5));

    [Fact]
    public void A_negative_count_is_refused()
        => Assert.Equal("InvalidReplicas", Assert.Throws<K8sException>(() => Scaling.Patch(-1)).Error.ErrorId);

    [Fact]
    public void The_current_replicas_precondition_fails_with_kubectls_message()
    {
        var scale = KubernetesJson.Deserialize<V1Scale>(ScaleJson(2));
        Scaling.CheckPrecondition(scale, new ScalePrecondition(CurrentReplicas: 2));
        var error = Assert.Throws<K8sException>(() => Scaling.CheckPrecondition(scale, new ScalePrecondition(CurrentReplicas: 3))).Error;
        Assert.Equal("ScalePreconditionFailed", error.ErrorId);
        Assert.StartsWith("Expected replicas to be 3, was 2", error.Message, StringComparison.Ordinal);
        Assert.Equal("web", error.Name);

        error = Assert.Throws<K8sException>(() => Scaling.CheckPrecondition(scale, new ScalePrecondition(ResourceVersion: "40"))).Error;
        Assert.StartsWith("Expected resource version to be 40, was 41", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, 5, 5, true)]
    [InlineData(5, 3, 5, false)]
    [InlineData(7, 3, 5, true)] // someone asked for another count since: stop waiting, as kubectl does
    public void Waiting_for_the_count_ends_as_kubectls_does(int spec, int status, int desired, bool done)
    {
        var scale = new V1Scale { Spec = new V1ScaleSpec { Replicas = spec }, Status = new V1ScaleStatus { Replicas = status } };
        Assert.Equal(done, Scaling.HasDesiredReplicas(scale, desired));
    }

    [Fact]
    public async Task Without_a_precondition_one_merge_patch_goes_to_the_scale_subresource()
    {
        var api = new FakeApi(_ => (HttpStatusCode.OK, ScaleJson(5)));
        var result = await Scaling.ScaleAsync(api.Client(), "deployment", "web", "shop", 5);
        Assert.Equal(5, result.Spec.Replicas);
        var r = Assert.Single(api.Requests);
        Assert.Equal("PATCH", r.Method);
        Assert.Equal("/apis/apps/v1/namespaces/shop/deployments/web/scale", r.PathAndQuery);
        Assert.Equal("application/merge-patch+json", r.ContentType);
        Assert.Equal("""{"spec":{"replicas":5}}""", r.Body);
    }

    [Theory]
    [InlineData("ReplicaSet", "/apis/apps/v1/namespaces/shop/replicasets/web/scale")]
    [InlineData("statefulset", "/apis/apps/v1/namespaces/shop/statefulsets/web/scale")]
    [InlineData("ReplicationController", "/api/v1/namespaces/shop/replicationcontrollers/web/scale")]
    public async Task Each_kind_has_its_scale_path(string kind, string path)
    {
        var api = new FakeApi(_ => (HttpStatusCode.OK, ScaleJson(1)));
        await Scaling.ScaleAsync(api.Client(), kind, "web", "shop", 1, dryRun: true);
        var r = Assert.Single(api.Requests);
        Assert.Equal(path + "?dryRun=All", r.PathAndQuery);
    }

    [Fact]
    public async Task With_a_precondition_it_reads_checks_and_replaces_keeping_the_resource_version()
    {
        var api = new FakeApi(r => (HttpStatusCode.OK, r.Method == "GET" ? ScaleJson(3) : ScaleJson(5, rv: "42")));
        await Scaling.ScaleAsync(api.Client(), "Deployment", "web", "shop", 5, new ScalePrecondition(CurrentReplicas: 3));
        Assert.Equal(["GET", "PUT"], api.Requests.Select(r => r.Method));
        var sent = JsonNode.Parse(api.Requests[1].Body)!;
        Assert.Equal(5, (int)sent["spec"]!["replicas"]!);
        Assert.Equal("41", (string?)sent["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public async Task A_failed_precondition_sends_nothing()
    {
        var api = new FakeApi(_ => (HttpStatusCode.OK, ScaleJson(2)));
        var error = (await Assert.ThrowsAsync<K8sException>(() => Scaling.ScaleAsync(api.Client(), "Deployment", "web", "shop", 5, new ScalePrecondition(CurrentReplicas: 3)))).Error;
        Assert.StartsWith("Expected replicas to be 3, was 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(["GET"], api.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task A_conflict_is_retried_by_reading_again()
    {
        var puts = 0;
        var api = new FakeApi(r => r.Method == "GET" ? (HttpStatusCode.OK, ScaleJson(3))
            : ++puts == 1 ? (HttpStatusCode.Conflict, """{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Conflict","code":409}""")
            : (HttpStatusCode.OK, ScaleJson(5)));
        await Scaling.ScaleAsync(api.Client(), "Deployment", "web", "shop", 5, new ScalePrecondition(CurrentReplicas: 3));
        Assert.Equal(["GET", "PUT", "GET", "PUT"], api.Requests.Select(r => r.Method));
    }

    [Fact]
    public void A_kind_without_a_scale_subresource_is_refused()
    {
        var error = Assert.Throws<K8sException>(() => Scaling.Canonical("DaemonSet")).Error;
        Assert.Equal("ScaleNotSupported", error.ErrorId);
        Assert.Contains("Deployment, ReplicaSet, StatefulSet, ReplicationController", error.Message, StringComparison.Ordinal);
    }
}
