using k8s.Models;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>How long the simulated kubelet takes to stop a deleted pod's containers. Pure.</summary>
public static class PodTermination
{
    /// <summary>
    /// PreStop hooks run first, then containers get their stop signal and exit; all of it bounded by the
    /// pod's grace period (the kubelet kills what is left when it runs out) and by the simulator's cap.
    /// Pods whose containers never ran, or already exited, go at once.
    /// </summary>
    public static TimeSpan Delay(V1Pod pod, NodeSimulatorOptions options)
    {
        if (!HasRunningContainers(pod)) return TimeSpan.Zero;
        var graceSeconds = pod.Metadata.DeletionGracePeriodSeconds ?? pod.Spec.TerminationGracePeriodSeconds ?? 30;
        var grace = TimeSpan.FromSeconds(Math.Max(0, graceSeconds));
        var hasPreStop = pod.Spec.Containers.Any(c => c.Lifecycle?.PreStop is not null);
        var work = (hasPreStop ? options.PreStopHookDuration : TimeSpan.Zero) + options.ContainerStopDuration;
        return Min(Min(grace, options.MaxTerminationWait), work);
    }

    public static bool HasRunningContainers(V1Pod pod) =>
        pod.Status?.ContainerStatuses?.Any(s => s.State?.Running is not null) ?? false;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
