using k8s.Models;
using K8sPS.LocalCluster.Simulator;

namespace K8sPS.LocalCluster.Tests.Simulator;

/// <summary>What the simulated kubelet reports for a pod at each moment of its life.</summary>
public sealed class PodWalkTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly NodeSimulatorOptions Options = new()
    {
        ContainerCreatingDuration = TimeSpan.FromSeconds(1),
        InitContainerRunDuration = TimeSpan.FromSeconds(2),
        JobPodRunDuration = TimeSpan.FromSeconds(5),
        TimeScale = 0.5,
    };

    private static V1Pod Pod(params V1Container[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "ns", Uid = "uid-1" },
        Spec = new V1PodSpec { Containers = containers.Length > 0 ? containers.ToList() : new List<V1Container> { new() { Name = "app", Image = "nginx" } }, RestartPolicy = "Always" },
    };

    private static V1PodStatus At(V1Pod pod, double seconds) =>
        PodStatusFactory.Living(pod, new PodTimeline(pod, T0, Options), T0.AddSeconds(seconds), "192.168.49.2", "10.244.0.5");

    private static string? Condition(V1PodStatus status, string type) => status.Conditions.Single(c => c.Type == type).Status;

    [Fact]
    public void A_new_pod_is_pending_with_its_containers_being_created_and_no_IP_yet()
    {
        var status = At(Pod(), 0);
        Assert.Equal("Pending", status.Phase);
        Assert.Equal("ContainerCreating", status.ContainerStatuses.Single().State.Waiting?.Reason);
        Assert.Null(status.PodIP);
        Assert.Equal("192.168.49.2", status.HostIP);
        Assert.Equal(T0, status.StartTime);
        Assert.Equal("True", Condition(status, "PodScheduled"));
        Assert.Equal("True", Condition(status, "Initialized"));
        Assert.Equal("False", Condition(status, "Ready"));
        Assert.Equal("containers with unready status: [app]", status.Conditions.Single(c => c.Type == "Ready").Message);
    }

    [Fact]
    public void Once_created_the_pod_runs_with_its_IP_and_is_ready_without_a_probe()
    {
        var status = At(Pod(), 1);
        Assert.Equal("Running", status.Phase);
        Assert.Equal("10.244.0.5", status.PodIP);
        Assert.Equal("10.244.0.5", status.PodIPs.Single().Ip);
        var container = status.ContainerStatuses.Single();
        Assert.Equal(T0.AddSeconds(1), container.State.Running?.StartedAt);
        Assert.True(container.Ready);
        Assert.True(container.Started);
        Assert.StartsWith(PodStatusFactory.RuntimeScheme + "://", container.ContainerID);
        Assert.Equal("True", Condition(status, "ContainersReady"));
        Assert.Equal("True", Condition(status, "Ready"));
        Assert.Equal(T0.AddSeconds(1), status.Conditions.Single(c => c.Type == "Ready").LastTransitionTime);
    }

    [Fact]
    public void Init_containers_run_one_after_another_then_the_containers_start()
    {
        var pod = Pod();
        pod.Spec.InitContainers = new List<V1Container> { new() { Name = "one", Image = "busybox" }, new() { Name = "two", Image = "busybox" } };

        var first = At(pod, 1.5);
        Assert.Equal("Pending", first.Phase);
        Assert.NotNull(first.InitContainerStatuses[0].State.Running);
        Assert.Equal("PodInitializing", first.InitContainerStatuses[1].State.Waiting?.Reason);
        Assert.Equal("PodInitializing", first.ContainerStatuses[0].State.Waiting?.Reason);
        Assert.Equal("containers with incomplete status: [one two]", first.Conditions.Single(c => c.Type == "Initialized").Message);

        var second = At(pod, 3.5);
        Assert.Equal("Completed", second.InitContainerStatuses[0].State.Terminated?.Reason);
        Assert.True(second.InitContainerStatuses[0].Ready);
        Assert.NotNull(second.InitContainerStatuses[1].State.Running);
        Assert.Equal("False", Condition(second, "Initialized"));

        var running = At(pod, 5);
        Assert.Equal("Running", running.Phase);
        Assert.All(running.InitContainerStatuses, s => Assert.Equal(0, s.State.Terminated?.ExitCode));
        Assert.Equal(T0.AddSeconds(5), running.ContainerStatuses[0].State.Running?.StartedAt);
        Assert.Equal("True", Condition(running, "Initialized"));
    }

    [Fact]
    public void Readiness_waits_for_the_probe_initial_delay_scaled()
    {
        var pod = Pod(new V1Container { Name = "app", Image = "nginx", ReadinessProbe = new V1Probe { InitialDelaySeconds = 10 } });
        var timeline = new PodTimeline(pod, T0, Options);
        Assert.Equal(T0.AddSeconds(1 + 5), timeline.AllReadyAt);

        var early = At(pod, 5.9);
        Assert.Equal("Running", early.Phase);
        Assert.False(early.ContainerStatuses[0].Ready);
        Assert.Equal("False", Condition(early, "Ready"));

        var ready = At(pod, 6);
        Assert.True(ready.ContainerStatuses[0].Ready);
        Assert.Equal("True", Condition(ready, "Ready"));
    }

    [Fact]
    public void The_pod_wakes_up_at_each_change_and_not_after_the_last()
    {
        var pod = Pod(new V1Container { Name = "app", Image = "nginx", ReadinessProbe = new V1Probe { InitialDelaySeconds = 4 } });
        var timeline = new PodTimeline(pod, T0, Options);
        Assert.Equal(T0.AddSeconds(1), timeline.NextChangeAfter(T0));
        Assert.Equal(T0.AddSeconds(3), timeline.NextChangeAfter(T0.AddSeconds(1)));
        Assert.Null(timeline.NextChangeAfter(T0.AddSeconds(3)));
    }

    [Fact]
    public void A_readiness_gate_holds_the_pod_unready_until_its_condition_is_true()
    {
        var pod = Pod();
        pod.Spec.ReadinessGates = new List<V1PodReadinessGate> { new() { ConditionType = "example.com/lb" } };
        var gated = At(pod, 2);
        Assert.Equal("True", Condition(gated, "ContainersReady"));
        Assert.Equal("False", Condition(gated, "Ready"));
        Assert.Equal("ReadinessGatesNotReady", gated.Conditions.Single(c => c.Type == "Ready").Reason);

        pod.Status = new V1PodStatus { Conditions = new List<V1PodCondition> { new() { Type = "example.com/lb", Status = "True" } } };
        Assert.Equal("True", Condition(At(pod, 2), "Ready"));
    }

    [Fact]
    public void A_job_pod_runs_then_succeeds()
    {
        var pod = Pod();
        pod.Spec.RestartPolicy = "Never";
        pod.Metadata.OwnerReferences = new List<V1OwnerReference> { new() { Kind = "Job", Name = "j", Controller = true, ApiVersion = "batch/v1", Uid = "j1" } };

        Assert.Equal("Running", At(pod, 3).Phase);
        var done = At(pod, 6);
        Assert.Equal("Succeeded", done.Phase);
        var terminated = done.ContainerStatuses[0].State.Terminated;
        Assert.Equal((0, "Completed"), (terminated?.ExitCode ?? -1, terminated?.Reason));
        Assert.Equal(T0.AddSeconds(6), terminated?.FinishedAt);
        Assert.Equal("PodCompleted", done.Conditions.Single(c => c.Type == "Ready").Reason);
        Assert.Null(new PodTimeline(pod, T0, Options).NextChangeAfter(T0.AddSeconds(6)));
    }

    [Fact]
    public void A_pod_whose_command_exits_non_zero_under_restart_policy_never_fails()
    {
        var pod = Pod(new V1Container { Name = "app", Image = "busybox", Command = new List<string> { "sh", "-c", "exit 3" } });
        pod.Spec.RestartPolicy = "Never";

        Assert.Equal("Running", At(pod, 3).Phase);
        var failed = At(pod, 6);
        Assert.Equal("Failed", failed.Phase);
        var terminated = failed.ContainerStatuses[0].State.Terminated;
        Assert.Equal((3, "Error"), (terminated?.ExitCode ?? -1, terminated?.Reason));
        var ready = failed.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(("False", "ContainersNotReady", T0.AddSeconds(6)), (ready.Status, ready.Reason, ready.LastTransitionTime));
    }

    [Fact]
    public void A_pod_with_restart_policy_never_but_no_job_keeps_running()
    {
        var pod = Pod(new V1Container { Name = "app", Image = "nginx", Command = new List<string> { "nginx", "-g", "daemon off;" } });
        pod.Spec.RestartPolicy = "Never";
        Assert.Equal("Running", At(pod, 100).Phase);
    }

    [Fact]
    public void A_stopped_pod_has_its_containers_terminated_and_is_not_ready()
    {
        var pod = Pod();
        pod.Status = At(pod, 2);
        var stopped = PodStatusFactory.Stopped(pod, T0.AddSeconds(10));
        var terminated = stopped.ContainerStatuses[0].State.Terminated;
        Assert.Equal(T0.AddSeconds(1), terminated?.StartedAt);
        Assert.Equal(T0.AddSeconds(10), terminated?.FinishedAt);
        Assert.Equal("False", Condition(stopped, "Ready"));
        Assert.Equal("10.244.0.5", stopped.PodIP);
    }
}
