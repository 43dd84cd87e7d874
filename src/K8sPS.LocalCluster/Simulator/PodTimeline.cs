using k8s.Models;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// When each step of a pod's simulated life happens, counted from the moment the simulator first saw it
/// bound to its node. Derived only from the spec and the options, so every re-computation agrees and no
/// per-pod timer is needed: the simulator just wakes the pod up at <see cref="NextChangeAfter"/>.
/// </summary>
public sealed class PodTimeline
{
    public PodTimeline(V1Pod pod, DateTime firstSeen, NodeSimulatorOptions options)
    {
        FirstSeen = firstSeen;
        SandboxReady = firstSeen + options.ContainerCreatingDuration;
        var initCount = pod.Spec.InitContainers?.Count ?? 0;
        InitStarts = Enumerable.Range(0, initCount).Select(i => SandboxReady + i * options.InitContainerRunDuration).ToList();
        ContainersStart = SandboxReady + initCount * options.InitContainerRunDuration;
        ReadyAt = pod.Spec.Containers.Select(c => ContainersStart + ProbeDelay(c, options)).ToList();
        ExitCodes = ContainerExit.PlannedExitCodes(pod);
        CompletesAt = ExitCodes is null ? null : ContainersStart + options.JobPodRunDuration;
        InitContainerRunDuration = options.InitContainerRunDuration;
    }

    public DateTime FirstSeen { get; }
    /// <summary>The pod sandbox is up: the pod has its IP; init containers may start.</summary>
    public DateTime SandboxReady { get; }
    public IReadOnlyList<DateTime> InitStarts { get; }
    public TimeSpan InitContainerRunDuration { get; }
    public DateTime ContainersStart { get; }
    /// <summary>Per container (spec order): when its readiness probe first passes.</summary>
    public IReadOnlyList<DateTime> ReadyAt { get; }
    /// <summary>Set for pods that finish (a Job's, say): when their containers exit.</summary>
    public DateTime? CompletesAt { get; }

    /// <summary>Set for pods that finish: each container's exit code, in spec order.</summary>
    public IReadOnlyList<int>? ExitCodes { get; }

    /// <summary>A finished pod failed when any container exited non-zero.</summary>
    public bool Fails => ExitCodes?.Any(c => c != 0) ?? false;

    public DateTime InitEnds(int index) => InitStarts[index] + InitContainerRunDuration;

    public DateTime AllReadyAt => ReadyAt.Count == 0 ? ContainersStart : ReadyAt.Max();

    /// <summary>The next moment after <paramref name="now"/> at which the pod's status changes, if any.</summary>
    public DateTime? NextChangeAfter(DateTime now)
    {
        var moments = new List<DateTime> { SandboxReady, ContainersStart };
        moments.AddRange(InitStarts);
        moments.AddRange(InitStarts.Select((_, i) => InitEnds(i)));
        moments.AddRange(ReadyAt.Where(r => CompletesAt is null || r < CompletesAt));
        if (CompletesAt is { } end) moments.Add(end);
        var next = moments.Where(m => m > now).DefaultIfEmpty(DateTime.MaxValue).Min();
        return next == DateTime.MaxValue ? null : next;
    }

    /// <summary>True for pods that finish rather than run until deleted (see <see cref="ContainerExit.PlannedExitCodes"/>).</summary>
    public static bool RunsToCompletion(V1Pod pod) => ContainerExit.PlannedExitCodes(pod) is not null;

    private static TimeSpan ProbeDelay(V1Container container, NodeSimulatorOptions options)
    {
        var seconds = container.ReadinessProbe?.InitialDelaySeconds ?? 0;
        return TimeSpan.FromSeconds(seconds * options.ProbeDelayScale);
    }
}
