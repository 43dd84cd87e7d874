using k8s.Models;
using K8sPS.LocalCluster.Simulator;

namespace K8sPS.LocalCluster.Tests.Simulator;

/// <summary>
/// Restarts, back-off, probes and pulls as the kubelet does them, read off the status at chosen
/// moments. Real time (TimeScale 1), so the figures are the kubelet's own: back-off 10 s, 20 s, 40 s...
/// </summary>
public sealed class ContainerPlanTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly NodeSimulatorOptions Options = new()
    {
        ContainerCreatingDuration = TimeSpan.FromSeconds(1),
        InitContainerRunDuration = TimeSpan.FromSeconds(2),
        JobPodRunDuration = TimeSpan.FromSeconds(1),
        ContainerStopDuration = TimeSpan.Zero,
        PreStopHookDuration = TimeSpan.Zero,
        TimeScale = 1,
    };

    private static V1Pod Pod(string restartPolicy = "Always", Dictionary<string, string>? annotations = null, params V1Container[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "ns", Uid = "uid-1", Annotations = annotations },
        Spec = new V1PodSpec
        {
            RestartPolicy = restartPolicy,
            Containers = containers.Length > 0 ? containers.ToList() : new List<V1Container> { new() { Name = "app", Image = "nginx:1.25" } },
        },
    };

    private static V1PodStatus At(V1Pod pod, double seconds, ImageCatalog? catalog = null) =>
        PodStatusFactory.Living(pod, new PodTimeline(pod, T0, Options, catalog), T0.AddSeconds(seconds), "127.0.49.2", "10.244.0.5");

    private static V1ContainerStatus Container(V1PodStatus status) => status.ContainerStatuses.Single();

    private static IReadOnlyList<AggregatedEvent> EventsUpTo(V1Pod pod, double seconds, ImageCatalog? catalog = null)
    {
        var timeline = new PodTimeline(pod, T0, Options, catalog, "10.244.0.5");
        return EventAggregation.Between(timeline.Events(T0.AddSeconds(seconds)), DateTime.MinValue, DateTime.MinValue, T0.AddSeconds(seconds));
    }

    private static long Count(IReadOnlyList<AggregatedEvent> events, string reason, string? messageStart = null) =>
        events.Where(e => e.Key.Reason == reason && (messageStart is null || e.Key.Message.StartsWith(messageStart, StringComparison.Ordinal))).Sum(e => e.Count);

    private static V1Probe HttpProbe(int period = 10, int threshold = 3, int delay = 0) =>
        new() { HttpGet = new V1HTTPGetAction { Path = "/", Port = "80" }, PeriodSeconds = period, FailureThreshold = threshold, InitialDelaySeconds = delay };

    [Fact]
    public void A_container_that_keeps_exiting_restarts_at_once_then_backs_off_10s_20s_40s()
    {
        var pod = Pod(annotations: new() { [SimAnnotations.ExitCode] = "1" });
        // Created at 1 s, each run lasts 1 s.
        var first = Container(At(pod, 1.5));
        Assert.NotNull(first.State.Running);
        Assert.Equal(0, first.RestartCount);

        var again = Container(At(pod, 2.5));
        Assert.Equal(1, again.RestartCount);
        Assert.NotNull(again.State.Running);
        Assert.Equal((1, "Error"), (again.LastState.Terminated.ExitCode, again.LastState.Terminated.Reason));
        Assert.Equal(T0.AddSeconds(2), again.LastState.Terminated.FinishedAt);

        var backOff = Container(At(pod, 5));
        Assert.Equal("CrashLoopBackOff", backOff.State.Waiting?.Reason);
        Assert.Equal("back-off 10s restarting failed container=app pod=p_ns(uid-1)", backOff.State.Waiting?.Message);
        Assert.Equal(1, backOff.RestartCount);
        Assert.Equal(T0.AddSeconds(3), backOff.LastState.Terminated.FinishedAt);
        Assert.False(backOff.Ready);

        // Restarted when the 10 s are over, then 20 s.
        Assert.Equal(2, Container(At(pod, 13.5)).RestartCount);
        var longer = Container(At(pod, 20));
        Assert.Equal("back-off 20s restarting failed container=app pod=p_ns(uid-1)", longer.State.Waiting?.Message);
        Assert.Equal(3, Container(At(pod, 34.5)).RestartCount);
        Assert.Equal("back-off 40s restarting failed container=app pod=p_ns(uid-1)", Container(At(pod, 40)).State.Waiting?.Message);

        var status = At(pod, 20);
        Assert.Equal("Running", status.Phase);
        Assert.Equal("False", status.Conditions.Single(c => c.Type == "Ready").Status);
        Assert.NotEqual(again.ContainerID, Container(At(pod, 13.5)).ContainerID);
    }

    [Fact]
    public void The_back_off_tops_out_at_five_minutes()
    {
        var pod = Pod(annotations: new() { [SimAnnotations.ExitCode] = "2" });
        Assert.Equal("back-off 5m0s restarting failed container=app pod=p_ns(uid-1)", Container(At(pod, 3600)).State.Waiting?.Message);
    }

    [Fact]
    public void The_kubelet_records_the_crash_loop_as_counted_events()
    {
        var pod = Pod(annotations: new() { [SimAnnotations.ExitCode] = "1" });
        var events = EventsUpTo(pod, 13.5);
        Assert.Equal(3, Count(events, "Created"));
        Assert.Equal(3, Count(events, "Started"));
        Assert.Equal(3, Count(events, "Pulled", "Container image \"nginx:1.25\" already present"));
        // One back-off event per kubelet sync (10 s) while it waits: at 3 s; then 14 s and 24 s; then 35 s.
        var backOff = events.Single(e => e.Key.Reason == "BackOff");
        Assert.Equal(("Warning", "Back-off restarting failed container", "spec.containers{app}"), (backOff.Key.Type, backOff.Key.Message, backOff.Key.FieldPath));
        Assert.Equal(1, backOff.Count);
        Assert.Equal(4, Count(EventsUpTo(pod, 40), "BackOff"));
    }

    [Fact]
    public void Under_OnFailure_a_clean_exit_completes_the_pod_and_a_failing_one_restarts()
    {
        var clean = Pod("OnFailure", new() { [SimAnnotations.ExitCode] = "0" });
        Assert.Equal("Succeeded", At(clean, 5).Phase);

        var failing = Pod("OnFailure", new() { [SimAnnotations.ExitCode] = "3" });
        var status = At(failing, 5);
        Assert.Equal("Running", status.Phase);
        Assert.Equal("CrashLoopBackOff", Container(status).State.Waiting?.Reason);
        Assert.Equal(3, Container(status).LastState.Terminated.ExitCode);
    }

    [Fact]
    public void Under_Never_the_exit_code_decides_Succeeded_or_Failed()
    {
        Assert.Equal("Succeeded", At(Pod("Never", new() { [SimAnnotations.ExitCode] = "0", [SimAnnotations.ExitAfter] = "3s" }), 5).Phase);
        Assert.Equal("Running", At(Pod("Never", new() { [SimAnnotations.ExitCode] = "4", [SimAnnotations.ExitAfter] = "3s" }), 3.5).Phase);
        var failed = At(Pod("Never", new() { [SimAnnotations.ExitCode] = "4", [SimAnnotations.ExitAfter] = "3s" }), 4.5);
        Assert.Equal("Failed", failed.Phase);
        Assert.Equal((4, "Error", 0), (Container(failed).State.Terminated.ExitCode, Container(failed).State.Terminated.Reason, Container(failed).RestartCount));
    }

    [Fact]
    public void A_command_that_plainly_ends_crash_loops_under_Always()
    {
        var pod = Pod(containers: new V1Container { Name = "app", Image = "busybox:1.36", Command = new List<string> { "sh", "-c", "echo hi; exit 0" } });
        var status = Container(At(pod, 5));
        Assert.Equal("CrashLoopBackOff", status.State.Waiting?.Reason);
        Assert.Equal((0, "Completed"), (status.LastState.Terminated.ExitCode, status.LastState.Terminated.Reason));
    }

    [Fact]
    public void A_failing_liveness_probe_gets_the_container_killed_and_restarted_with_its_last_state()
    {
        var container = new V1Container { Name = "app", Image = "nginx:1.25", LivenessProbe = HttpProbe() };
        var pod = Pod(annotations: new() { [SimAnnotations.LivenessFailsAfter] = "30s" }, containers: container);
        // Started at 1; tries at 1, 11, 21, 31 (first failure), 41, 51: killed at the third failure.
        Assert.Equal(0, Container(At(pod, 50.5)).RestartCount);
        var restarted = Container(At(pod, 52));
        Assert.Equal(1, restarted.RestartCount);
        Assert.NotNull(restarted.State.Running);
        Assert.Equal((137, "Error"), (restarted.LastState.Terminated.ExitCode, restarted.LastState.Terminated.Reason));
        Assert.Equal(T0.AddSeconds(51), restarted.LastState.Terminated.FinishedAt);

        var events = EventsUpTo(pod, 52);
        var unhealthy = events.Single(e => e.Key.Reason == "Unhealthy");
        Assert.Equal(("Warning", "Liveness probe failed: HTTP probe failed with statuscode: 500", 3L), (unhealthy.Key.Type, unhealthy.Key.Message, unhealthy.Count));
        Assert.Equal((T0.AddSeconds(31), T0.AddSeconds(51)), (unhealthy.FirstTimestamp, unhealthy.LastTimestamp));
        var killing = events.Single(e => e.Key.Reason == "Killing");
        Assert.Equal("Container app failed liveness probe, will be restarted", killing.Key.Message);
        Assert.Equal(2, Count(events, "Started"));
    }

    [Fact]
    public void Repeated_liveness_kills_reach_CrashLoopBackOff()
    {
        var container = new V1Container { Name = "app", Image = "nginx:1.25", LivenessProbe = HttpProbe(period: 5) };
        var pod = Pod(annotations: new() { [SimAnnotations.LivenessFailsAfter] = "0s" }, containers: container);
        var timeline = new PodTimeline(pod, T0, Options);
        var moments = Enumerable.Range(0, 600).Select(s => T0.AddSeconds(s));
        var backedOff = moments.Select(m => PodStatusFactory.Living(pod, timeline, m, "127.0.49.2", "10.244.0.5"))
            .Select(Container).FirstOrDefault(s => s.State.Waiting?.Reason == "CrashLoopBackOff");
        Assert.NotNull(backedOff);
        Assert.True(backedOff.RestartCount >= 3, $"restart count {backedOff.RestartCount}");
        Assert.Equal(137, backedOff.LastState.Terminated.ExitCode);
    }

    [Fact]
    public void A_liveness_failure_without_a_liveness_probe_changes_nothing()
    {
        var pod = Pod(annotations: new() { [SimAnnotations.LivenessFailsAfter] = "1s" });
        Assert.Equal(0, Container(At(pod, 500)).RestartCount);
    }

    [Fact]
    public void A_failing_readiness_probe_makes_the_pod_unready_and_a_recovery_ready_again()
    {
        var container = new V1Container { Name = "app", Image = "nginx:1.25", ReadinessProbe = HttpProbe() };
        var pod = Pod(annotations: new() { [SimAnnotations.ReadinessFailsAfter] = "20s", [SimAnnotations.ReadinessFailsFor] = "30s" }, containers: container);
        // Started at 1; tries at 1 (ready), 11, 21 (first failure), 31, 41 (third: unready), ... 51 passes again.
        Assert.True(Container(At(pod, 40)).Ready);
        var unready = At(pod, 45);
        Assert.False(Container(unready).Ready);
        Assert.NotNull(Container(unready).State.Running);
        Assert.Equal(0, Container(unready).RestartCount);
        var ready = unready.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(("False", "ContainersNotReady", T0.AddSeconds(41)), (ready.Status, ready.Reason, ready.LastTransitionTime));
        Assert.True(Container(At(pod, 52)).Ready);
        Assert.Equal("True", At(pod, 52).Conditions.Single(c => c.Type == "Ready").Status);

        var unhealthy = EventsUpTo(pod, 52).Single(e => e.Key.Reason == "Unhealthy");
        Assert.Equal(("Readiness probe failed: HTTP probe failed with statuscode: 500", 3L), (unhealthy.Key.Message, unhealthy.Count));
    }

    [Fact]
    public void A_readiness_probe_that_fails_from_the_start_never_lets_the_pod_be_ready()
    {
        var container = new V1Container { Name = "app", Image = "nginx:1.25", ReadinessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = "http" } }, Ports = new List<V1ContainerPort> { new() { Name = "http", ContainerPort = 8080 } } };
        var pod = Pod(annotations: new() { [SimAnnotations.ReadinessFailsAfter] = "0s" }, containers: container);
        Assert.All(new[] { 2.0, 60, 600 }, s => Assert.False(Container(At(pod, s)).Ready));
        Assert.Equal("Running", At(pod, 600).Phase);
        Assert.Equal("Readiness probe failed: dial tcp 10.244.0.5:8080: connect: connection refused",
            EventsUpTo(pod, 60).Single(e => e.Key.Reason == "Unhealthy").Key.Message);
    }

    [Fact]
    public void A_missing_image_goes_ErrImagePull_then_ImagePullBackOff_and_the_pod_stays_pending()
    {
        var catalog = ImageCatalog.FromData(new Dictionary<string, string> { [ImageCatalog.MissingKey] = "*:lastest" });
        var pod = Pod(containers: new V1Container { Name = "app", Image = "my-docker-hub/app:lastest", ImagePullPolicy = "IfNotPresent" });
        // The sandbox is up at 1 s; the pull fails at once; pulls again at 11 s, 31 s, 71 s.
        var pulling = Container(At(pod, 1.5, catalog));
        Assert.Equal("ErrImagePull", pulling.State.Waiting?.Reason);
        Assert.Equal("rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/my-docker-hub/app:lastest\": failed to resolve reference \"docker.io/my-docker-hub/app:lastest\": docker.io/my-docker-hub/app:lastest: not found",
            pulling.State.Waiting?.Message);
        var backOff = At(pod, 25, catalog);
        Assert.Equal("ImagePullBackOff", Container(backOff).State.Waiting?.Reason);
        Assert.Equal("Back-off pulling image \"my-docker-hub/app:lastest\"", Container(backOff).State.Waiting?.Message);
        Assert.Equal("Pending", backOff.Phase);
        Assert.Equal(0, Container(backOff).RestartCount);

        var events = EventsUpTo(pod, 40, catalog);
        Assert.Equal(3, Count(events, "Pulling"));
        Assert.Equal(3, Count(events, "Failed", "Failed to pull image \"my-docker-hub/app:lastest\": rpc error"));
        Assert.Equal(3, Count(events, "Failed", "Error: ErrImagePull"));
        Assert.True(Count(events, "BackOff", "Back-off pulling image") >= 1);
        Assert.Equal(Count(events, "BackOff"), Count(events, "Failed", "Error: ImagePullBackOff"));
    }

    [Fact]
    public void A_pod_annotation_fails_the_pull_with_access_denied()
    {
        var pod = Pod(annotations: new() { [SimAnnotations.ImagePull] = "denied" }, containers: new V1Container { Name = "app", Image = "private/app:1.0" });
        var message = Container(At(pod, 2)).State.Waiting?.Message;
        Assert.Contains("pull access denied", message);
        Assert.Contains("docker.io/private/app:1.0", message);
    }

    [Fact]
    public void A_missing_image_with_pull_policy_Never_is_ErrImageNeverPull()
    {
        var pod = Pod(annotations: new() { [SimAnnotations.ImagePull] = "not-found" }, containers: new V1Container { Name = "app", Image = "app:1", ImagePullPolicy = "Never" });
        var waiting = Container(At(pod, 5)).State.Waiting;
        Assert.Equal(("ErrImageNeverPull", "Container image \"app:1\" is not present with pull policy of Never"), (waiting?.Reason, waiting?.Message));
    }

    [Fact]
    public void A_slow_pull_keeps_the_container_creating_and_is_reported_with_its_time()
    {
        var pod = Pod(annotations: new() { [SimAnnotations.ImagePull] = "30s" });
        Assert.Equal("ContainerCreating", Container(At(pod, 20)).State.Waiting?.Reason);
        Assert.Equal("Pending", At(pod, 20).Phase);
        Assert.NotNull(Container(At(pod, 31.5)).State.Running);
        var events = EventsUpTo(pod, 40);
        Assert.Equal(1, Count(events, "Pulling", "Pulling image \"nginx:1.25\""));
        Assert.Equal(1, Count(events, "Pulled", "Successfully pulled image \"nginx:1.25\" in 30s"));
    }

    [Fact]
    public void A_postStart_hook_runs_before_the_container_is_reported_running()
    {
        var container = new V1Container
        {
            Name = "app", Image = "busybox:1.36",
            Lifecycle = new V1Lifecycle { PostStart = new V1LifecycleHandler { Exec = new V1ExecAction { Command = new List<string> { "sh", "-c", "echo hi >> /timing && sleep 10" } } } },
        };
        var pod = Pod(containers: container);
        Assert.Equal("ContainerCreating", Container(At(pod, 10)).State.Waiting?.Reason);
        var running = Container(At(pod, 11.5));
        Assert.True(running.Ready);
        // The runtime started it before the hook ran.
        Assert.Equal(T0.AddSeconds(1), running.State.Running.StartedAt);
    }

    [Fact]
    public void A_failing_init_container_fails_the_pod_under_Never_and_crash_loops_otherwise()
    {
        V1Pod WithInit(string policy)
        {
            var pod = Pod(policy, new() { [SimAnnotations.ExitCode + ".migrate"] = "1" });
            pod.Spec.InitContainers = new List<V1Container> { new() { Name = "migrate", Image = "busybox:1.36" } };
            return pod;
        }
        var never = At(WithInit("Never"), 10);
        Assert.Equal("Failed", never.Phase);
        Assert.Equal(1, never.InitContainerStatuses[0].State.Terminated?.ExitCode);
        Assert.Equal("PodInitializing", Container(never).State.Waiting?.Reason);

        var always = At(WithInit("Always"), 8);
        Assert.Equal("Pending", always.Phase);
        Assert.Equal("CrashLoopBackOff", always.InitContainerStatuses[0].State.Waiting?.Reason);
        Assert.Equal("False", always.Conditions.Single(c => c.Type == "Initialized").Status);
    }

    [Fact]
    public void An_init_container_that_sleeps_takes_that_long()
    {
        var pod = Pod();
        pod.Spec.InitContainers = new List<V1Container> { new() { Name = "init", Image = "busybox", Command = new List<string> { "sh", "-c", "sleep 10" } } };
        Assert.Equal("Pending", At(pod, 10.5).Phase);
        Assert.Equal("Running", At(pod, 11.5).Phase);
    }

    [Fact]
    public void Each_container_can_be_steered_on_its_own()
    {
        var pod = Pod(annotations: new() { [SimAnnotations.ExitCode + ".worker"] = "1" },
            containers: [new V1Container { Name = "web", Image = "nginx:1.25" }, new V1Container { Name = "worker", Image = "busybox:1.36" }]);
        var status = At(pod, 5);
        Assert.NotNull(status.ContainerStatuses[0].State.Running);
        Assert.Equal(0, status.ContainerStatuses[0].RestartCount);
        Assert.Equal("CrashLoopBackOff", status.ContainerStatuses[1].State.Waiting?.Reason);
        Assert.Equal("containers with unready status: [worker]", status.Conditions.Single(c => c.Type == "Ready").Message);
    }

    [Fact]
    public void Unreadable_or_unknown_annotations_are_reported_not_obeyed()
    {
        var pod = Pod(annotations: new()
        {
            [SimAnnotations.ExitCode] = "lots",
            [SimAnnotations.LivenessFailsAfter] = "soon",
            [SimAnnotations.Prefix + "exit-cod"] = "1",
            [SimAnnotations.Prefix + "cpu"] = "250m",
        });
        var problems = new PodTimeline(pod, T0, Options).Problems;
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("sim.k8sps.io/exit-code: 'lots' is not an exit code", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("sim.k8sps.io/liveness-fails-after: 'soon' is not a duration", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("sim.k8sps.io/exit-cod: no such simulator annotation", StringComparison.Ordinal));
        Assert.NotNull(Container(At(pod, 100)).State.Running);
    }

    [Fact]
    public void The_pod_wakes_up_for_each_restart_and_not_in_between()
    {
        var pod = Pod(annotations: new() { [SimAnnotations.ExitCode] = "1" });
        var timeline = new PodTimeline(pod, T0, Options);
        Assert.Equal(T0.AddSeconds(3), timeline.NextChangeAfter(T0.AddSeconds(2.5)));
        // In back-off from 3 s to 13 s: nothing changes in between.
        Assert.Equal(T0.AddSeconds(13), timeline.NextChangeAfter(T0.AddSeconds(3)));
        Assert.True(timeline.RepeatsEventsAt(T0.AddSeconds(5)));
        Assert.False(new PodTimeline(Pod(), T0, Options).RepeatsEventsAt(T0.AddSeconds(5)));
    }

    [Fact]
    public void A_plain_pod_records_the_three_events_of_a_real_node()
    {
        var events = EventsUpTo(Pod(), 10);
        Assert.Equal(new[] { "Pulled", "Created", "Started" }, events.Select(e => e.Key.Reason));
        Assert.Equal(new[] { "Container image \"nginx:1.25\" already present on machine", "Created container app", "Started container app" }, events.Select(e => e.Key.Message));
        Assert.All(events, e => Assert.Equal(("Normal", 1L, T0.AddSeconds(1)), (e.Key.Type, e.Count, e.FirstTimestamp)));
        Assert.Empty(EventsUpTo(Pod(), 0.5));
    }
}
