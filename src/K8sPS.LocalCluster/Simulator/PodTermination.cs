using k8s.Models;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>How long the simulated kubelet takes to stop a deleted pod's containers. Pure.</summary>
public static class PodTermination
{
    /// <summary>
    /// PreStop hooks run first, then containers get their stop signal and exit; all of it bounded by the
    /// pod's grace period (× <see cref="NodeSimulatorOptions.TimeScale"/>; the kubelet kills what is
    /// left when it runs out) and by the simulator's cap. Pods whose containers never ran, or already
    /// exited, go at once.
    /// </summary>
    public static TimeSpan Delay(V1Pod pod, NodeSimulatorOptions options, PodTimeline? timeline = null)
    {
        if (!HasRunningContainers(pod)) return TimeSpan.Zero;
        var work = PreStop(pod, options, timeline) + options.ContainerStopDuration;
        return Min(Min(Grace(pod, options), options.MaxTerminationWait), work);
    }

    /// <summary>True when the preStop hooks and the stop take longer than the grace period: the kubelet then kills (exit code 137).</summary>
    public static bool OutlastsGracePeriod(V1Pod pod, NodeSimulatorOptions options, PodTimeline? timeline = null) =>
        HasRunningContainers(pod) && PreStop(pod, options, timeline) + options.ContainerStopDuration > Grace(pod, options);

    public static bool HasRunningContainers(V1Pod pod) =>
        pod.Status?.ContainerStatuses?.Any(s => s.State?.Running is not null) ?? false;

    private static TimeSpan Grace(V1Pod pod, NodeSimulatorOptions options)
    {
        var seconds = pod.Metadata.DeletionGracePeriodSeconds ?? pod.Spec.TerminationGracePeriodSeconds ?? 30;
        return TimeSpan.FromSeconds(Math.Max(0, seconds) * options.TimeScale);
    }

    /// <summary>The longest preStop hook of the pod's containers (they run side by side).</summary>
    private static TimeSpan PreStop(V1Pod pod, NodeSimulatorOptions options, PodTimeline? timeline)
    {
        if (timeline is not null) return timeline.Containers.Select(c => c.Behaviour.PreStop).DefaultIfEmpty(TimeSpan.Zero).Max();
        return pod.Spec.Containers.Any(c => c.Lifecycle?.PreStop is not null) ? options.PreStopHookDuration : TimeSpan.Zero;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
