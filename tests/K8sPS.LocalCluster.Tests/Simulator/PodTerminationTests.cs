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
        var slow = new NodeSimulatorOptions { PreStopHookDuration = TimeSpan.FromMinutes(5), MaxTerminationWait = TimeSpan.FromSeconds(2) };
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
}
