using k8s;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Metrics;

namespace K8sPS.Engine.Tests.Metrics;

/// <summary>
/// kubectl top's lines from the metrics it was given, against what kubectl 1.32 printed for the same
/// metrics (TestData/kubectl-top, made by capture.sh: raw metrics and kubectl's output taken together).
/// </summary>
public class TopRowsTests
{
    private static PodMetricsList Pods(string file) => KubernetesJson.Deserialize<PodMetricsList>(TestData.Read("kubectl-top/" + file));

    private static string Kubectl(string file) => TestData.Read("kubectl-top/" + file);

    [Theory]
    [InlineData("top-pods.txt", "", false, false, false)]
    [InlineData("top-pods-sort-cpu.txt", "cpu", false, false, false)]
    [InlineData("top-pods-sort-memory.txt", "memory", false, false, false)]
    [InlineData("top-pods-containers.txt", "", false, true, false)]
    [InlineData("top-pods-containers-sort-cpu.txt", "cpu", false, true, false)]
    [InlineData("top-pods-no-headers.txt", "", false, false, true)]
    public void Pod_lines_of_one_namespace_are_kubectls(string kubectlOutput, string sortBy, bool allNamespaces, bool containers, bool noHeaders)
    {
        var rows = TopRows.Pods(Pods("pods-topdata.json").Items, TopSort.Parse(sortBy), allNamespaces, containers);
        Assert.Equal(Kubectl(kubectlOutput), TopText.Pods(rows, allNamespaces, containers, noHeaders));
    }

    [Theory]
    [InlineData("top-pods-all.txt", "", false)]
    [InlineData("top-pods-all-sort-memory.txt", "memory", false)]
    public void Pod_lines_of_all_namespaces_are_kubectls(string kubectlOutput, string sortBy, bool containers)
    {
        var rows = TopRows.Pods(Pods("pods-all.json").Items, TopSort.Parse(sortBy), allNamespaces: true, containers);
        Assert.Equal(Kubectl(kubectlOutput), TopText.Pods(rows, allNamespaces: true, containers));
    }

    [Fact]
    public void The_sum_adds_exact_usage_before_rounding_as_kubectl_does()
    {
        var one = Pods("pods-topdata.json").Items.ToList();
        Assert.Equal(Kubectl("top-pods-sum.txt"), TopText.Pods(TopRows.Pods(one), sum: TopRows.Sum(one)));

        var all = Pods("pods-all.json").Items.ToList();
        Assert.Equal(Kubectl("top-pods-all-containers-sum.txt"),
            TopText.Pods(TopRows.Pods(all, allNamespaces: true, containers: true), allNamespaces: true, containers: true, sum: TopRows.Sum(all)));
    }

    [Fact]
    public void Rounding_is_kubectls_cpu_up_memory_down_to_whole_mebibytes()
    {
        var rows = TopRows.Pods(Pods("pods-topdata.json").Items, containers: true);
        var alpha = rows.Single(r => r.Pod == "alpha");
        Assert.Equal(2, alpha.CpuMillicores);          // 1234567n
        Assert.Equal(12345678, alpha.MemoryBytes);
        Assert.Equal("11Mi", alpha.MemoryText);
        var side = rows.Single(r => r.Pod == "bravo" && r.Container == "side");
        Assert.Equal("0Mi", side.MemoryText);          // 1 byte short of 1Mi
    }

    [Theory]
    [InlineData("top-nodes.txt", "", false)]
    [InlineData("top-nodes-sort-cpu.txt", "cpu", false)]
    [InlineData("top-nodes-sort-memory.txt", "memory", false)]
    [InlineData("top-nodes-no-headers.txt", "", true)]
    public void Node_lines_are_kubectls_with_percent_of_allocatable(string kubectlOutput, string sortBy, bool noHeaders)
    {
        var metrics = KubernetesJson.Deserialize<NodeMetricsList>(TestData.Read("kubectl-top/nodes-metrics.json")).Items;
        var nodes = KubernetesJson.Deserialize<V1NodeList>(TestData.Read("kubectl-top/nodes.json")).Items;
        var rows = TopRows.Nodes(metrics, nodes, TopSort.Parse(sortBy));
        Assert.Equal(Kubectl(kubectlOutput), TopText.Nodes(rows, noHeaders));
    }

    [Fact]
    public void A_listed_node_without_metrics_is_unknown_and_comes_last()
    {
        var metrics = KubernetesJson.Deserialize<NodeMetricsList>(TestData.Read("kubectl-top/nodes-metrics.json")).Items.ToList();
        var nodes = KubernetesJson.Deserialize<V1NodeList>(TestData.Read("kubectl-top/nodes.json")).Items.ToList();
        var gone = metrics[0].Metadata.Name;
        var rows = TopRows.Nodes(metrics.Skip(1), nodes);
        var last = rows[^1];
        Assert.Equal(gone, last.Name);
        Assert.False(last.HasMetrics);
        var text = TopText.Nodes(rows).Split('\n');
        Assert.Equal([gone, "<unknown>", "<unknown>", "<unknown>", "<unknown>"], text[^2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Percent_of_capacity_when_asked_and_zero_when_nothing_is_available()
    {
        var node = new V1Node
        {
            Metadata = new V1ObjectMeta { Name = "n" },
            Status = new V1NodeStatus
            {
                Capacity = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("2"), ["memory"] = new("1Gi") },
                Allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("0"), ["memory"] = new("512Mi") },
            },
        };
        var usage = new NodeMetrics { Metadata = new V1ObjectMeta { Name = "n" }, Usage = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m"), ["memory"] = new("256Mi") } };
        var ofAllocatable = Assert.Single(TopRows.Nodes([usage], [node]));
        Assert.Equal((0, 50), (ofAllocatable.CpuPercent, ofAllocatable.MemoryPercent));
        var ofCapacity = Assert.Single(TopRows.Nodes([usage], [node], ofCapacity: true));
        Assert.Equal((25, 25), (ofCapacity.CpuPercent, ofCapacity.MemoryPercent));
    }

    [Fact]
    public void Nothing_is_printed_for_no_lines()
    {
        Assert.Equal("", TopText.Pods([]));
        Assert.Equal("", TopText.Nodes([]));
    }

    [Theory]
    [InlineData("CPU")]
    [InlineData("name")]
    public void Sort_by_accepts_only_cpu_or_memory(string value)
    {
        var error = Assert.Throws<K8sException>(() => TopSort.Parse(value)).Error;
        Assert.Equal(K8sErrorCategory.InvalidArgument, error.Category);
        Assert.StartsWith("--sort-by accepts only cpu or memory", error.Message);
    }
}
