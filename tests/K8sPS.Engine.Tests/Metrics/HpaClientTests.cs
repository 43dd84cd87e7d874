using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Metrics;

namespace K8sPS.Engine.Tests.Metrics;

/// <summary>HPAs through the dynamic path against a fake apiserver: the version from discovery, the target read first.</summary>
public class HpaClientTests
{
    private static readonly string Measured = TestData.Read("kubectl-hpa/measured-v2beta2.json");

    [Theory]
    [InlineData(new[] { "v1", "v2beta2" }, "autoscaling/v2beta2")]
    [InlineData(new[] { "v2", "v1", "v2beta2" }, "autoscaling/v2")]
    [InlineData(new[] { "v1" }, "autoscaling/v1")]
    public async Task The_hpa_is_created_in_the_best_version_served(string[] served, string expected)
    {
        using var server = new FakeApiServer(servesMetrics: true, served);
        var version = expected["autoscaling/".Length..];
        server.Route($"/apis/autoscaling/{version}/namespaces/shop/horizontalpodautoscalers", body => (201, body!));
        var created = await new HpaClient(server.Rest()).CreateAsync("shop", new AutoscaleRequest("Deployment", "web", 5, 2, 50), CancellationToken.None);

        var sent = JsonNode.Parse(Assert.Single(server.Requests, r => r.Method == "POST").Body!)!;
        Assert.Equal(expected, sent["apiVersion"]!.GetValue<string>());
        Assert.Equal("web", created.Metadata.Name);
        if (version == "v1")
            Assert.Equal(50, Assert.IsType<V1HorizontalPodAutoscaler>(created).Spec.TargetCPUUtilizationPercentage);
        else
            Assert.Equal(50, Assert.IsType<V2HorizontalPodAutoscaler>(created).Spec.Metrics.Single().Resource.Target.AverageUtilization);
    }

    [Fact]
    public async Task A_v2beta2_list_is_read_into_the_v2_model_with_its_version()
    {
        using var server = new FakeApiServer(servesMetrics: true);
        server.Route("/apis/autoscaling/v2beta2/namespaces/hpadata/horizontalpodautoscalers", _ => (200, Measured));
        var hpas = new List<IKubernetesObject<V1ObjectMeta>>();
        await foreach (var h in new HpaClient(server.Rest()).ListAsync("hpadata", null, null, CancellationToken.None)) hpas.Add(h);
        Assert.Equal(["missing", "multi", "simple", "value"], hpas.Select(h => h.Metadata.Name));
        var simple = Assert.IsType<V2HorizontalPodAutoscaler>(hpas.Single(h => h.Metadata.Name == "simple"));
        Assert.Equal(("autoscaling/v2beta2", "HorizontalPodAutoscaler"), (simple.ApiVersion, simple.Kind));
        Assert.Equal("cpu: 30%/50%", HpaView.Targets(simple));
    }

    [Fact]
    public async Task A_missing_target_is_kubectls_not_found()
    {
        using var server = new FakeApiServer(servesMetrics: true);
        var error = (await Assert.ThrowsAsync<K8sException>(() =>
            new HpaClient(server.Rest()).ReadTargetAsync("shop", new ScaleTarget("Deployment", "nope"), CancellationToken.None))).Error;
        Assert.Equal("NotFound", error.ErrorId);
        Assert.Equal("deployments.apps \"nope\" not found in namespace \"shop\"", error.Message);
        Assert.Empty(server.Sent("POST"));
    }

    [Fact]
    public async Task Bad_limits_are_refused_before_anything_is_sent()
    {
        using var server = new FakeApiServer(servesMetrics: true);
        var error = (await Assert.ThrowsAsync<K8sException>(() =>
            new HpaClient(server.Rest()).CreateAsync("shop", new AutoscaleRequest("Deployment", "web", 1, 3), CancellationToken.None))).Error;
        Assert.StartsWith("--max=MAXPODS must be larger or equal to --min=MINPODS, max: 1, min: 3", error.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void Containers_without_a_cpu_request_are_named()
    {
        var deployment = JsonNode.Parse("""
            {"spec":{"template":{"spec":{"containers":[
              {"name":"web","resources":{"requests":{"cpu":"100m"}}},
              {"name":"sidecar","resources":{"requests":{"memory":"10Mi"}}},
              {"name":"bare"}]}}}}
            """)!.AsObject();
        Assert.Equal(["sidecar", "bare"], HpaClient.ContainersWithoutCpuRequest(deployment));
    }
}
