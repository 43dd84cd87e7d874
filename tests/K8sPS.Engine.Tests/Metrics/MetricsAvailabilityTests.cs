using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Metrics;

namespace K8sPS.Engine.Tests.Metrics;

public class MetricsAvailabilityTests
{
    private static V1APIGroupList Groups(params (string Group, string Version)[] served) => new()
    {
        Groups = served.GroupBy(s => s.Group).Select(g => new V1APIGroup
        {
            Name = g.Key,
            Versions = g.Select(s => new V1GroupVersionForDiscovery { GroupVersion = $"{s.Group}/{s.Version}", Version = s.Version }).ToList(),
        }).ToList(),
    };

    [Fact]
    public void The_api_is_available_when_discovery_lists_metrics_k8s_io_v1beta1()
    {
        Assert.True(MetricsAvailability.IsServed(Groups(("apps", "v1"), ("metrics.k8s.io", "v1beta1"))));
        Assert.False(MetricsAvailability.IsServed(Groups(("apps", "v1"))));
        Assert.False(MetricsAvailability.IsServed(Groups(("metrics.k8s.io", "v2alpha1"))));
        Assert.False(MetricsAvailability.IsServed(null));
    }

    [Fact]
    public void Without_the_api_the_error_is_kubectls()
    {
        var error = MetricsAvailability.NotAvailable();
        // kubectl 1.32 against a cluster without the APIService: "error: Metrics API not available".
        Assert.Equal("Metrics API not available", error.Message);
        Assert.Equal("MetricsApiNotAvailable", error.ErrorId);
        Assert.Equal(K8sErrorCategory.NotSupported, error.Category);
        Assert.Contains("metrics-server", error.RecommendedAction);
    }

    [Fact]
    public void No_pod_metrics_are_explained_by_the_pods_ages()
    {
        var now = new DateTime(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        V1Pod Pod(string name, TimeSpan age) => new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "ns", CreationTimestamp = now - age } };

        Assert.Null(MetricsAvailability.ExplainNoPodMetrics([], now));
        Assert.Equal("metrics not available yet", MetricsAvailability.ExplainNoPodMetrics([Pod("new", TimeSpan.FromSeconds(30))], now)!.Message);
        var old = MetricsAvailability.ExplainNoPodMetrics([Pod("new", TimeSpan.FromSeconds(30)), Pod("old", TimeSpan.FromSeconds(150))], now)!;
        Assert.Equal("Metrics not available for pod ns/old, age: 2m30s", old.Message);
        Assert.Equal("old", old.Name);
        Assert.Equal("No resources found in ns namespace.", MetricsAvailability.NoResourcesMessage("ns", false));
        Assert.Equal("No resources found", MetricsAvailability.NoResourcesMessage("ns", true));
    }
}
