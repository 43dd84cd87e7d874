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
        CompletesAt = RunsToCompletion(pod) ? ContainersStart + options.JobPodRunDuration : null;
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
    /// <summary>Set for pods that finish (a Job's): when their containers exit 0.</summary>
    public DateTime? CompletesAt { get; }

    public DateTime InitEnds(int index) => InitStarts[index] + InitContainerRunDuration;

    public DateTime AllReadyAt => ReadyAt.Count == 0 ? ContainersStart : ReadyAt.Max();

    /// <summary>The next moment after <paramref name="now"/> at which the pod's status changes, if any.</summary>
    public DateTime? NextChangeAfter(DateTime now)
    {
        var moments = new List<DateTime> { SandboxReady, ContainersStart };
        moments.AddRange(InitStarts);
        moments.AddRange(InitStarts.Select((_, i) => InitEnds(i)));
        if (CompletesAt is { } end) moments.Add(end);
        else moments.AddRange(ReadyAt);
        var next = moments.Where(m => m > now).DefaultIfEmpty(DateTime.MaxValue).Min();
        return next == DateTime.MaxValue ? null : next;
    }

    /// <summary>A Job's pods run to completion; other pods with restartPolicy Never run until deleted, as a server would.</summary>
    public static bool RunsToCompletion(V1Pod pod) =>
        pod.Spec.RestartPolicy is "Never" or "OnFailure"
        && (pod.Metadata.OwnerReferences?.Any(o => o.Kind == "Job" && o.Controller == true) ?? false);

    private static TimeSpan ProbeDelay(V1Container container, NodeSimulatorOptions options)
    {
        var seconds = container.ReadinessProbe?.InitialDelaySeconds ?? 0;
        return TimeSpan.FromSeconds(seconds * options.ProbeDelayScale);
    }
}
