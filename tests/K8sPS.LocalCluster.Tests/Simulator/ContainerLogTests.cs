using k8s.Models;
using K8sPS.LocalCluster.Simulator;

namespace K8sPS.LocalCluster.Tests.Simulator;

public sealed class ContainerLogTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly NodeSimulatorOptions Options = new() { ContainerCreatingDuration = TimeSpan.FromSeconds(1), JobPodRunDuration = TimeSpan.FromSeconds(1), TimeScale = 1 };

    private static ContainerPlan Plan(Dictionary<string, string> annotations)
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "ns", Uid = "u", Annotations = annotations },
            Spec = new V1PodSpec { RestartPolicy = "Always", Containers = new List<V1Container> { new() { Name = "app", Image = "busybox:1.36" } } },
        };
        return new PodTimeline(pod, T0, Options).Containers[0];
    }

    [Fact]
    public void A_container_logs_its_start_its_text_again_and_again_and_its_exit()
    {
        var plan = Plan(new() { [SimAnnotations.Log] = "hello\nworld", [SimAnnotations.LogEvery] = "2s", [SimAnnotations.ExitCode] = "3", [SimAnnotations.ExitAfter] = "5s" });
        var run = plan.Runs(T0.AddSeconds(10))[0];
        var lines = plan.LogOf(run, "k8sps", T0.AddSeconds(10)).ToList();
        Assert.Equal("[k8sps-sim] container app started from image busybox:1.36 on node k8sps (restart 0)", lines[0].Line);
        Assert.Equal(new[] { "hello", "world", "hello", "world", "hello", "world" }, lines.Skip(1).Take(6).Select(l => l.Line));
        Assert.Equal(new[] { T0.AddSeconds(1), T0.AddSeconds(3), T0.AddSeconds(5) }, lines.Skip(1).Where(l => l.Line == "hello").Select(l => l.At));
        Assert.Equal("[k8sps-sim] container app exited with code 3", lines[^1].Line);
        Assert.Equal(T0.AddSeconds(6), lines[^1].At);
        // Only what was written by then.
        Assert.Equal(3, plan.LogOf(run, "k8sps", T0.AddSeconds(1)).Count());
    }

    private static ContainerLogQuery Query(params (string, string)[] pairs)
    {
        var query = ContainerLogQuery.Parse(pairs.ToDictionary(p => p.Item1, p => p.Item2), out var error);
        Assert.Null(error);
        return query!;
    }

    private static readonly (DateTime, string)[] Lines =
        Enumerable.Range(0, 5).Select(i => (T0.AddSeconds(i * 10), $"line {i}")).ToArray();

    [Fact]
    public void Tail_takes_the_last_lines()
    {
        Assert.Equal(new[] { "line 3", "line 4" }, Query(("tailLines", "2")).Select(Lines, T0.AddSeconds(60)).Select(l => l.Item2));
        Assert.Equal(5, Query(("tail", "all")).Select(Lines, T0.AddSeconds(60)).Count());
    }

    [Fact]
    public void Since_takes_the_lines_from_a_moment_on()
    {
        Assert.Equal(new[] { "line 3", "line 4" }, Query(("sinceSeconds", "25")).Select(Lines, T0.AddSeconds(50)).Select(l => l.Item2));
        Assert.Equal(new[] { "line 4" }, Query(("sinceTime", "2026-01-01T12:00:40Z")).Select(Lines, T0.AddSeconds(50)).Select(l => l.Item2));
    }

    [Fact]
    public void Timestamps_are_RFC3339_with_nanoseconds_as_the_CRI_writes_them()
    {
        Assert.Equal("2026-01-01T12:00:00.5Z line\n", Query(("timestamps", "true")).Format((T0.AddMilliseconds(500), "line")));
        Assert.Equal("2026-01-01T12:00:00Z line\n", Query(("timestamps", "true")).Format((T0, "line")));
        Assert.Equal("line\n", Query().Format((T0, "line")));
    }

    [Fact]
    public void Options_a_kubelet_refuses_are_refused()
    {
        Assert.Null(ContainerLogQuery.Parse(new Dictionary<string, string> { ["tailLines"] = "x" }, out var error));
        Assert.NotNull(error);
        Assert.Null(ContainerLogQuery.Parse(new Dictionary<string, string> { ["sinceSeconds"] = "0" }, out _));
    }
}
