using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using K8sPS.Engine.Metrics;

namespace K8sPS.Engine.Tests.Metrics;

/// <summary>
/// kubectl get hpa's other columns and the controller's conditions, from the same captures as <see cref="HpaTests"/>
/// (TestData/kubectl-hpa, capture.sh): "unknown" was taken with the metrics API gone, "measured" with it served.
/// </summary>
public class HpaViewTests
{
    private static IList<V2HorizontalPodAutoscaler> Hpas(string set) =>
        KubernetesJson.Deserialize<V2HorizontalPodAutoscalerList>(TestData.Read($"kubectl-hpa/{set}-v2beta2.json")).Items;

    [Theory]
    [InlineData("unknown")]
    [InlineData("measured")]
    public void Reference_minpods_maxpods_and_replicas_are_kubectls(string set)
    {
        var table = TestData.Read($"kubectl-hpa/{set}-get-hpa.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"], Regex.Split(table[0].TrimEnd(), @"\s{3,}"));
        var rows = table.Skip(1).Select(l => Regex.Split(l.TrimEnd(), @"\s{3,}")).ToDictionary(c => c[0]);
        foreach (var hpa in Hpas(set))
        {
            var row = rows[hpa.Metadata.Name];
            Assert.Equal(row[1], HpaView.Reference(hpa));
            Assert.Equal(row[3], HpaView.MinPods(hpa));
            Assert.Equal(row[4], HpaView.MaxPods(hpa).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(row[5], HpaView.Replicas(hpa).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Targets_name_the_resource()
    {
        var simple = Hpas("measured").Single(h => h.Metadata.Name == "simple");
        // kubectl get hpa against the 1.20 server printed 30%/50% for it; servers from 1.27 name the resource.
        Assert.Equal("cpu: 30%/50%", HpaView.Targets(simple));
    }

    [Fact]
    public void Without_metrics_the_controllers_condition_is_the_problem()
    {
        foreach (var hpa in Hpas("unknown"))
        {
            Assert.False(HpaView.IsTrue(hpa, HpaView.ScalingActive));
            Assert.True(HpaView.IsTrue(hpa, HpaView.AbleToScale));
            var problem = Assert.Single(HpaView.Problems(hpa));
            Assert.StartsWith("ScalingActive False FailedGetResourceMetric: the HPA was unable to compute the replica count", problem);
        }
    }

    [Fact]
    public void A_measured_hpa_has_no_problem_even_at_its_limit()
    {
        var hpas = Hpas("measured");
        Assert.All(hpas, h => Assert.Empty(HpaView.Problems(h)));
        Assert.True(HpaView.IsTrue(hpas.Single(h => h.Metadata.Name == "value"), HpaView.ScalingLimited));
        Assert.False(HpaView.IsTrue(hpas.Single(h => h.Metadata.Name == "simple"), HpaView.ScalingLimited));
    }

    [Fact]
    public void Before_the_controller_reports_nothing_is_known()
    {
        var fresh = new V2HorizontalPodAutoscaler { Spec = new V2HorizontalPodAutoscalerSpec { MaxReplicas = 3 } };
        Assert.Null(HpaView.IsTrue(fresh, HpaView.ScalingActive));
        Assert.Empty(HpaView.Problems(fresh));
        Assert.Equal("<unset>", HpaView.MinPods(fresh));
        Assert.Equal("<none>", HpaView.Targets(fresh));
    }
}
