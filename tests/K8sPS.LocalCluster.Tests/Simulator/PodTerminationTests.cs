using k8s.Models;
using K8sPS.LocalCluster.Simulator;

namespace K8sPS.LocalCluster.Tests.Simulator;

public sealed class PodTerminationTests
{
    private static readonly NodeSimulatorOptions Options = new()
    {
        PreStopHookDuration = TimeSpan.FromSeconds(3),
        ContainerStopDuration = TimeSpan.FromSeconds(1),
        MaxTerminationWait = TimeSpan.FromSeconds(10),
        // Grace periods in real time, to read the figures below as seconds.
        TimeScale = 1,
    };

    private static V1Pod RunningPod(long? grace, bool preStop = false) => new()
    {
        Metadata = new V1ObjectMeta { Name = "p", DeletionGracePeriodSeconds = grace },
        Spec = new V1PodSpec
        {
            Containers = new List<V1Container>
            {
                new() { Name = "app", Lifecycle = preStop ? new V1Lifecycle { PreStop = new V1LifecycleHandler { Exec = new V1ExecAction { Command = new List<string> { "sleep", "5" } } } } : null },
            },
        },
        Status = new V1PodStatus
        {
            ContainerStatuses = new List<V1ContainerStatus> { new() { Name = "app", State = new V1ContainerState { Running = new V1ContainerStateRunning() } } },
        },
    };

    [Fact]
    public void Containers_take_their_stop_time() =>
        Assert.Equal(TimeSpan.FromSeconds(1), PodTermination.Delay(RunningPod(30), Options));

    [Fact]
    public void A_preStop_hook_runs_before_the_containers_stop() =>
        Assert.Equal(TimeSpan.FromSeconds(4), PodTermination.Delay(RunningPod(30, preStop: true), Options));

    [Fact]
    public void The_grace_period_cuts_termination_short() =>
        Assert.Equal(TimeSpan.FromSeconds(2), PodTermination.Delay(RunningPod(2, preStop: true), Options));

    [Fact]
    public void The_simulator_cap_bounds_long_terminations()
    {
        var slow = new NodeSimulatorOptions { PreStopHookDuration = TimeSpan.FromMinutes(5), MaxTerminationWait = TimeSpan.FromSeconds(2), TimeScale = 1 };
        Assert.Equal(TimeSpan.FromSeconds(2), PodTermination.Delay(RunningPod(600, preStop: true), slow));
    }

    [Fact]
    public void A_pod_whose_containers_never_ran_goes_at_once()
    {
        var pod = RunningPod(30);
        pod.Status.ContainerStatuses[0].State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ContainerCreating" } };
        Assert.Equal(TimeSpan.Zero, PodTermination.Delay(pod, Options));
    }

    [Fact]
    public void A_forced_delete_goes_at_once() =>
        Assert.Equal(TimeSpan.Zero, PodTermination.Delay(RunningPod(0, preStop: true), Options));

    [Fact]
    public void A_preStop_hook_longer_than_the_grace_period_is_cut_off_and_the_container_killed()
    {
        Assert.True(PodTermination.OutlastsGracePeriod(RunningPod(2, preStop: true), Options));
        Assert.False(PodTermination.OutlastsGracePeriod(RunningPod(30, preStop: true), Options));
    }

    [Fact]
    public void The_preStop_hooks_own_sleep_says_how_long_it_takes_in_pod_time()
    {
        var pod = RunningPod(30, preStop: true);
        var scaled = new NodeSimulatorOptions { ContainerStopDuration = TimeSpan.FromSeconds(1), MaxTerminationWait = TimeSpan.FromSeconds(10), TimeScale = 0.1 };
        // sleep 5 at a tenth of real time, then the stop; the 30 s grace (3 s here) is not reached.
        Assert.Equal(TimeSpan.FromSeconds(1.5), PodTermination.Delay(pod, scaled, new PodTimeline(pod, DateTime.UnixEpoch, scaled)));
    }

    [Fact]
    public void The_grace_period_runs_in_pod_time_too()
    {
        var scaled = new NodeSimulatorOptions { ContainerStopDuration = TimeSpan.FromSeconds(10), MaxTerminationWait = TimeSpan.FromSeconds(60), TimeScale = 0.1 };
        Assert.Equal(TimeSpan.FromSeconds(3), PodTermination.Delay(RunningPod(30), scaled));
    }
}
