using K8sPS.Engine.Errors;
using K8sPS.Engine.Metrics;

namespace K8sPS.Engine.Tests.Metrics;

/// <summary>kubectl top's reads against a fake apiserver: with the metrics API served, without it, and when it goes away.</summary>
public class MetricsReaderTests
{
    private static readonly string PodsOfWeb = TestData.Read("kubectl-top/pods-topdata.json");

    [Fact]
    public async Task Without_the_metrics_api_in_discovery_the_error_is_kubectls_and_metrics_are_not_asked_for()
    {
        using var server = new FakeApiServer(servesMetrics: false);
        var reader = new MetricsReader(server.Rest());
        var error = (await Assert.ThrowsAsync<K8sException>(() => reader.PodsAsync("web", null, null, CancellationToken.None))).Error;
        Assert.Equal("MetricsApiNotAvailable", error.ErrorId);
        Assert.Equal("Metrics API not available", error.Message);
        Assert.Equal(K8sErrorCategory.NotSupported, error.Category);
        Assert.DoesNotContain(server.Sent("GET"), p => p.StartsWith("/apis/metrics.k8s.io/v1beta1/", StringComparison.Ordinal));
        Assert.Equal("MetricsApiNotAvailable", (await Assert.ThrowsAsync<K8sException>(() => reader.NodesAsync(null, null, CancellationToken.None))).Error.ErrorId);
    }

    [Fact]
    public async Task Pod_metrics_are_read_from_the_namespace_with_the_selector()
    {
        using var server = new FakeApiServer(servesMetrics: true);
        server.Route("/apis/metrics.k8s.io/v1beta1/namespaces/web/pods", _ => (200, PodsOfWeb));
        var pods = await new MetricsReader(server.Rest()).PodsAsync("web", null, "app=web,tier!=db", CancellationToken.None);
        Assert.NotEmpty(pods);
        Assert.Contains("/apis/metrics.k8s.io/v1beta1/namespaces/web/pods?labelSelector=app%3Dweb%2Ctier%21%3Ddb", server.Sent("GET"));
    }

    [Fact]
    public async Task An_api_that_went_away_since_discovery_is_not_available()
    {
        using var server = new FakeApiServer(servesMetrics: true);
        var reader = new MetricsReader(server.Rest());
        Assert.True(await reader.IsServedAsync(CancellationToken.None));
        // The APIService is deleted: the cached discovery still lists it, the apiserver answers 404 for its paths.
        server.ServesMetrics = false;
        var error = (await Assert.ThrowsAsync<K8sException>(() => reader.PodsAsync("web", null, null, CancellationToken.None))).Error;
        Assert.Equal("MetricsApiNotAvailable", error.ErrorId);
    }

    [Fact]
    public async Task A_missing_pod_is_the_servers_not_found_not_a_missing_api()
    {
        using var server = new FakeApiServer(servesMetrics: true);
        server.Route("/apis/metrics.k8s.io/v1beta1/namespaces/web/pods/nope", _ => (404, FakeApiServer.NotFoundObject("pods", "nope")));
        var error = (await Assert.ThrowsAsync<K8sException>(() => new MetricsReader(server.Rest()).PodsAsync("web", "nope", null, CancellationToken.None))).Error;
        Assert.Equal("NotFound", error.ErrorId);
        Assert.Equal("pods \"nope\" not found", error.Message);
    }

    [Fact]
    public async Task No_metrics_for_pods_that_exist_is_explained_by_their_age()
    {
        using var server = new FakeApiServer(servesMetrics: true);
        server.Route("/api/v1/namespaces/web/pods", _ => (200,
            """{"kind":"PodList","apiVersion":"v1","metadata":{},"items":[{"metadata":{"name":"old","namespace":"web","creationTimestamp":"2025-01-01T11:50:00Z"}}]}"""));
        server.Route("/api/v1/namespaces/empty/pods", _ => (200, """{"kind":"PodList","apiVersion":"v1","metadata":{},"items":[]}"""));
        var reader = new MetricsReader(server.Rest());
        var now = new DateTime(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        var error = await reader.ExplainNoPodMetricsAsync("web", "app=web", now, CancellationToken.None);
        Assert.Equal("Metrics not available for pod web/old, age: 10m0s", error!.Message);
        Assert.Contains("/api/v1/namespaces/web/pods?limit=500&labelSelector=app%3Dweb", server.Sent("GET"));
        Assert.Null(await reader.ExplainNoPodMetricsAsync("empty", null, now, CancellationToken.None));
    }
}
