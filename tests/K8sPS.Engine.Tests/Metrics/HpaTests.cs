using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Metrics;

namespace K8sPS.Engine.Tests.Metrics;

/// <summary>
/// `kubectl autoscale`'s object against what kubectl 1.32 printed (TestData/kubectl, --dry-run=client -o json),
/// and `kubectl get hpa`'s TARGETS against the server's table for the same HPAs (TestData/kubectl-hpa, capture.sh).
/// </summary>
public class HpaTests
{
    [Theory]
    [InlineData("autoscale-load-min2-max5-cpu70.json", "Deployment", "load", 5, 2, 70, null)]
    [InlineData("autoscale-load-max3-name-custom.json", "Deployment", "load", 3, null, null, "custom")]
    [InlineData("autoscale-load-max3-min0-cpu0.json", "Deployment", "load", 3, 0, 0, null)]
    [InlineData("autoscale-rc-legacy-max4-cpu80.json", "ReplicationController", "legacy", 4, null, 80, null)]
    public void The_v1_object_equals_kubectl_autoscale(string kubectlOutput, string kind, string target, int max, int? min, int? cpu, string? name)
    {
        var ours = HpaGenerator.Build(new AutoscaleRequest(kind, target, max, min, cpu, name), HpaGenerator.V1);
        Assert.IsType<V1HorizontalPodAutoscaler>(ours);
        Assert.Equal(Normalize(JsonNode.Parse(TestData.Read("kubectl/" + kubectlOutput))), Normalize(JsonNode.Parse(KubernetesJson.Serialize(ours))));
    }

    [Theory]
    [InlineData(HpaGenerator.V2)]
    [InlineData(HpaGenerator.V2Beta2)]
    public void The_v2_object_is_kubectls_v2_shape_in_the_chosen_version(string apiVersion)
    {
        var ours = Assert.IsType<V2HorizontalPodAutoscaler>(HpaGenerator.Build(new AutoscaleRequest("StatefulSet", "db", 4, 2, 60), apiVersion));
        Assert.Equal(apiVersion, ours.ApiVersion);
        Assert.Equal("db", ours.Metadata.Name);
        Assert.Equal(("apps/v1", "StatefulSet", "db"), (ours.Spec.ScaleTargetRef.ApiVersion, ours.Spec.ScaleTargetRef.Kind, ours.Spec.ScaleTargetRef.Name));
        Assert.Equal((2, 4), (ours.Spec.MinReplicas, ours.Spec.MaxReplicas));
        var metric = Assert.Single(ours.Spec.Metrics);
        Assert.Equal(("Resource", "cpu", "Utilization", 60), (metric.Type, metric.Resource.Name, metric.Resource.Target.Type, metric.Resource.Target.AverageUtilization));

        var noCpu = Assert.IsType<V2HorizontalPodAutoscaler>(HpaGenerator.Build(new AutoscaleRequest("Deployment", "web", 3), apiVersion));
        Assert.Null(noCpu.Spec.Metrics);
        Assert.Null(noCpu.Spec.MinReplicas);
    }

    [Fact]
    public void The_version_is_the_newest_the_server_serves()
    {
        Assert.Equal(HpaGenerator.V2, HpaGenerator.ChooseApiVersion(["autoscaling/v1", "autoscaling/v2", "autoscaling/v2beta2"]));
        Assert.Equal(HpaGenerator.V2Beta2, HpaGenerator.ChooseApiVersion(["autoscaling/v1", "autoscaling/v2beta1", "autoscaling/v2beta2"]));
        Assert.Equal(HpaGenerator.V1, HpaGenerator.ChooseApiVersion(["autoscaling/v1", "autoscaling/v2beta1"]));
        var discovery = new V1APIGroupList
        {
            Groups = [new V1APIGroup
            {
                Name = "autoscaling",
                Versions = [new() { GroupVersion = "autoscaling/v1", Version = "v1" }, new() { GroupVersion = "autoscaling/v2beta2", Version = "v2beta2" }],
            }],
        };
        Assert.Equal(HpaGenerator.V2Beta2, HpaGenerator.ChooseApiVersion(discovery));
    }

    [Theory]
    // kubectl 1.32: "error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 1, min: 2"
    [InlineData(1, 2, "--max=MAXPODS must be larger or equal to --min=MINPODS, max: 1, min: 2")]
    // kubectl 1.32: "error: --max=MAXPODS is required and must be at least 1, max: 0"
    [InlineData(0, null, "--max=MAXPODS is required and must be at least 1, max: 0")]
    public void Bad_limits_are_refused_with_kubectls_words(int max, int? min, string kubectlMessage)
    {
        var error = Assert.Throws<K8sException>(() => HpaGenerator.Build(new AutoscaleRequest("Deployment", "load", max, min))).Error;
        Assert.Equal(K8sErrorCategory.InvalidArgument, error.Category);
        Assert.StartsWith(kubectlMessage, error.Message);
    }

    [Fact]
    public void Only_kinds_with_a_scale_subresource_can_be_autoscaled()
    {
        var error = Assert.Throws<K8sException>(() => HpaGenerator.Build(new AutoscaleRequest("DaemonSet", "agent", 3))).Error;
        Assert.Equal("NotScalable", error.ErrorId);
        Assert.StartsWith("cannot autoscale a DaemonSet", error.Message);
        var badName = Assert.Throws<K8sException>(() => HpaGenerator.Build(new AutoscaleRequest("Deployment", "web", 3, Name: "Web_1"))).Error;
        Assert.Equal("metadata.name", Assert.Single(badName.Causes).Field);
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("measured")]
    public void Targets_are_the_servers_for_v2beta2_objects(string set)
    {
        var hpas = KubernetesJson.Deserialize<V2HorizontalPodAutoscalerList>(TestData.Read($"kubectl-hpa/{set}-v2beta2.json")).Items;
        var expected = TargetsColumn(TestData.Read($"kubectl-hpa/{set}-get-hpa.txt"));
        Assert.Equal(expected.Count, hpas.Count);
        foreach (var hpa in hpas)
            Assert.Equal(expected[hpa.Metadata.Name], HpaTargets.Format(hpa));
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("measured")]
    public void Targets_of_a_v1_object_are_the_servers_for_its_cpu_target(string set)
    {
        var hpas = KubernetesJson.Deserialize<V1HorizontalPodAutoscalerList>(TestData.Read($"kubectl-hpa/{set}-v1.json")).Items;
        var expected = TargetsColumn(TestData.Read($"kubectl-hpa/{set}-get-hpa.txt"));
        // v1 shows one CPU target; the server's text is the same for an HPA that has only that.
        var simple = hpas.Single(h => h.Metadata.Name == "simple");
        Assert.Equal(expected["simple"], HpaTargets.Format(simple));
    }

    [Fact]
    public void Newer_servers_name_the_resource_and_no_metrics_is_none()
    {
        var spec = new V2MetricSpec { Type = "Resource", Resource = new V2ResourceMetricSource { Name = "cpu", Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = 50 } } };
        var status = new V2MetricStatus { Type = "Resource", Resource = new V2ResourceMetricStatus { Name = "cpu", Current = new V2MetricValueStatus { AverageUtilization = 10 } } };
        Assert.Equal("cpu: 10%/50%", HpaTargets.Format([spec], [status], withResourceNames: true));
        Assert.Equal("cpu: <unknown>/50%", HpaTargets.Format([spec], [], withResourceNames: true));
        Assert.Equal("<none>", HpaTargets.Format([], []));
        var auto = new V2MetricSpec { Type = "Resource", Resource = new V2ResourceMetricSource { Name = "cpu", Target = new V2MetricTarget { Type = "Utilization" } } };
        Assert.Equal("<unknown>/<auto>", HpaTargets.Format([auto], []));
    }

    /// <summary>NAME → TARGETS from kubectl's table (columns are at least three spaces apart; TARGETS has single spaces inside).</summary>
    private static Dictionary<string, string> TargetsColumn(string table) =>
        table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => Regex.Split(line.TrimEnd(), @"\s{3,}"))
            .ToDictionary(cells => cells[0], cells => cells[2]);

    private static string? Normalize(JsonNode? node) => Strip(node)?.ToJsonString();

    // Equal as JSON once the empty values kubectl prints (null, {}) are dropped, keys in order.
    private static JsonNode? Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var result = new JsonObject();
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    var n = Strip(value);
                    if (n is null || n is JsonObject { Count: 0 }) continue;
                    result[key] = n;
                }
                return result;
            case JsonArray a:
                return new JsonArray(a.Select(Strip).ToArray());
            case null:
                return null;
            default:
                return JsonNode.Parse(node.ToJsonString());
        }
    }
}
