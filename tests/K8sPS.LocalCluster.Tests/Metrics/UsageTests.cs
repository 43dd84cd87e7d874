using k8s.Models;
using K8sPS.LocalCluster.Metrics;

namespace K8sPS.LocalCluster.Tests.Metrics;

/// <summary>The usage annotations and the idle default, as a test author relies on them.</summary>
public class UsageTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("250m", 250_000_000)]
    [InlineData("0.25", 250_000_000)]
    [InlineData("2", 2_000_000_000)]
    [InlineData("1234567n", 1_234_567)]
    public void Cpu_takes_a_quantity_in_cores(string text, long nanoCores)
    {
        Assert.True(UsageCurve.TryParse(text, UsageResource.Cpu, out var curve, out _));
        Assert.Equal(nanoCores, curve!.ValueAt(TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData("64Mi", 64L << 20)]
    [InlineData("100M", 100_000_000)]
    [InlineData("1048576", 1_048_576)]
    [InlineData("1.5Gi", 3L << 29)]
    public void Memory_takes_a_quantity_in_bytes(string text, long bytes)
    {
        Assert.True(UsageCurve.TryParse(text, UsageResource.Memory, out var curve, out _));
        Assert.Equal(bytes, curve!.ValueAt(TimeSpan.Zero));
    }

    [Fact]
    public void A_curve_holds_each_value_from_its_time_until_the_next()
    {
        Assert.True(UsageCurve.TryParse("100m@0s, 800m@30s, 100m@1m30s", UsageResource.Cpu, out var curve, out _));
        Assert.Equal(100_000_000, curve!.ValueAt(TimeSpan.FromSeconds(29.9)));
        Assert.Equal(800_000_000, curve.ValueAt(TimeSpan.FromSeconds(30)));
        Assert.Equal(800_000_000, curve.ValueAt(TimeSpan.FromSeconds(89)));
        Assert.Equal(100_000_000, curve.ValueAt(TimeSpan.FromHours(5)));
        // Before its first time, the first value holds.
        Assert.True(UsageCurve.TryParse("5m@10s,50m@20s", UsageResource.Cpu, out var late, out _));
        Assert.Equal(5_000_000, late!.ValueAt(TimeSpan.Zero));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("lots", "not a quantity")]
    [InlineData("-5m", "negative")]
    [InlineData("100m@0s,200m", "needs a time")]
    [InlineData("100m@30s,200m@10s", "must not go backwards")]
    [InlineData("100m@soon", "not a time")]
    public void A_bad_value_is_refused_with_a_reason(string text, string reason)
    {
        Assert.False(UsageCurve.TryParse(text, UsageResource.Cpu, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Pod_wide_annotations_apply_to_every_container_and_per_container_ones_win()
    {
        var pod = RunningPod(("web", Start), ("sidecar", Start));
        pod.Metadata.Annotations = new Dictionary<string, string>
        {
            ["sim.k8sps.io/cpu"] = "300m",
            ["sim.k8sps.io/memory"] = "64Mi",
            ["sim.k8sps.io/cpu.sidecar"] = "20m",
        };
        var usage = SimulatedUsage.ForPod(pod, Start + TimeSpan.FromMinutes(1))!;
        Assert.Equal([new ContainerUsage("web", 300_000_000, 64L << 20), new ContainerUsage("sidecar", 20_000_000, 64L << 20)], usage);
    }

    [Fact]
    public void A_curve_runs_from_each_containers_own_start()
    {
        var pod = RunningPod(("early", Start), ("late", Start + TimeSpan.FromSeconds(50)));
        pod.Metadata.Annotations = new Dictionary<string, string> { ["sim.k8sps.io/cpu"] = "100m@0s,900m@60s" };
        var usage = SimulatedUsage.ForPod(pod, Start + TimeSpan.FromSeconds(70))!;
        Assert.Equal(900_000_000, usage[0].NanoCores);
        Assert.Equal(100_000_000, usage[1].NanoCores);
    }

    [Fact]
    public void Without_annotations_a_container_looks_idle_and_the_same_within_a_slot()
    {
        var pod = RunningPod(("app", Start));
        var at = Start + TimeSpan.FromMinutes(5);
        var first = SimulatedUsage.ForPod(pod, at)!.Single();
        var again = SimulatedUsage.ForPod(pod, at + TimeSpan.FromMilliseconds(10))!.Single();
        Assert.Equal(first, again);
        Assert.InRange(first.NanoCores, 1_000_000, 3_000_000);
        Assert.InRange(first.MemoryBytes, 4L << 20, 8L << 20);
        Assert.Equal(0, first.MemoryBytes % 4096);
        // Over many slots the jitter moves (an idle container is not a flat line).
        var values = Enumerable.Range(0, 20).Select(i => SimulatedUsage.ForPod(pod, at + SimulatedUsage.JitterSlot * i)!.Single().NanoCores).Distinct().Count();
        Assert.True(values > 10, $"only {values} distinct idle values in 20 slots");
    }

    [Fact]
    public void A_bad_annotation_is_reported_and_the_container_looks_idle()
    {
        var pod = RunningPod(("app", Start));
        pod.Metadata.Annotations = new Dictionary<string, string> { ["sim.k8sps.io/memory"] = "a lot" };
        var problems = new List<string>();
        var usage = SimulatedUsage.ForPod(pod, Start, problems.Add)!.Single();
        Assert.InRange(usage.MemoryBytes, 4L << 20, 8L << 20);
        Assert.Contains("sim.k8sps.io/memory", Assert.Single(problems));
    }

    [Fact]
    public void Only_running_pods_and_their_running_containers_have_usage()
    {
        var pending = RunningPod(("app", Start));
        pending.Status.Phase = "Pending";
        Assert.Null(SimulatedUsage.ForPod(pending, Start));

        var partly = RunningPod(("app", Start), ("done", Start));
        partly.Status.ContainerStatuses[1].State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 0 } };
        Assert.Equal(["app"], SimulatedUsage.ForPod(partly, Start)!.Select(c => c.Name));
    }

    [Fact]
    public void A_node_uses_a_small_base_plus_its_pods()
    {
        var idle = SimulatedUsage.ForNode("n1", [], Start);
        Assert.InRange(idle.NanoCores, 40_000_000, 50_000_000);
        Assert.InRange(idle.MemoryBytes, 180L << 20, 196L << 20);
        var busy = SimulatedUsage.ForNode("n1", [[new ContainerUsage("a", 500_000_000, 1L << 30)]], Start);
        Assert.Equal(idle.NanoCores + 500_000_000, busy.NanoCores);
        Assert.Equal(idle.MemoryBytes + (1L << 30), busy.MemoryBytes);
    }

    internal static V1Pod RunningPod(params (string Name, DateTimeOffset Started)[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "ns", Uid = "uid-1" },
        Spec = new V1PodSpec { NodeName = "node-1", Containers = containers.Select(c => new V1Container { Name = c.Name, Image = "nginx" }).ToList() },
        Status = new V1PodStatus
        {
            Phase = "Running",
            StartTime = containers.Min(c => c.Started).UtcDateTime,
            ContainerStatuses = containers.Select(c => new V1ContainerStatus
            {
                Name = c.Name,
                Ready = true,
                State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = c.Started.UtcDateTime } },
            }).ToList(),
        },
    };
}
