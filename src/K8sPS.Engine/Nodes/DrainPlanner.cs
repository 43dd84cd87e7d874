using k8s.Models;

namespace K8sPS.Engine.Nodes;

/// <summary>Whether the DaemonSet a pod names as its controller exists; <see cref="Error"/> is the server's message when not.</summary>
public sealed record DaemonSetState(bool Exists, bool NotFound, string? Error);

/// <summary>
/// kubectl drain's pod filters (staging/src/k8s.io/kubectl/pkg/drain/filters.go), in its order, each able to stop the
/// pod's evaluation: DaemonSet pods (never evicted; an error unless -IgnoreDaemonSets, evicted with -Force when their
/// DaemonSet is gone), mirror pods (skipped: the kubelet owns them), pods with emptyDir data (an error unless
/// -DeleteEmptyDirData) and pods no controller manages (an error unless -Force). Finished pods may always go. As in
/// kubectl, a pod's decision is that of the last filter that ran, so a warning an earlier filter gave may be dropped.
/// </summary>
public static class DrainPlanner
{
    public const string MirrorPodAnnotation = "kubernetes.io/config.mirror";

    internal const string DaemonSetFatal = "DaemonSet-managed Pods (use -IgnoreDaemonSets to ignore)";
    internal const string DaemonSetWarning = "ignoring DaemonSet-managed Pods";
    internal const string LocalStorageFatal = "Pods with local storage (use -DeleteEmptyDirData to override)";
    internal const string LocalStorageWarning = "deleting Pods with local storage";
    internal const string UnmanagedFatal = "Pods not managed by ReplicationController, ReplicaSet, Job, DaemonSet or StatefulSet (use -Force to override)";
    internal const string UnmanagedWarning = "deleting Pods not managed by ReplicationController, ReplicaSet, Job, DaemonSet or StatefulSet";

    /// <summary>
    /// The plan for the pods of <paramref name="node"/>; <paramref name="daemonSet"/> answers whether a DaemonSet
    /// (namespace, name) exists, for pods a DaemonSet controls.
    /// </summary>
    public static DrainPlan Plan(string node, IEnumerable<V1Pod> pods, DrainOptions options, Func<string, string, DaemonSetState> daemonSet)
    {
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(daemonSet);
        var filters = new Func<V1Pod, PodDrainDecision>[]
        {
            p => DaemonSetFilter(p, options, daemonSet),
            MirrorPodFilter,
            p => LocalStorageFilter(p, options),
            p => UnreplicatedFilter(p, options),
        };
        var decisions = new List<PodDrainDecision>();
        foreach (var pod in pods)
        {
            PodDrainDecision decision = Okay(pod);
            foreach (var filter in filters)
            {
                decision = filter(pod);
                if (!decision.Delete) break;
            }
            decisions.Add(decision);
        }
        return new DrainPlan(node, decisions);
    }

    /// <summary>The owner reference marked as the pod's controller, if any.</summary>
    public static V1OwnerReference? ControllerOf(V1Pod pod) => pod?.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true);

    private static PodDrainDecision DaemonSetFilter(V1Pod pod, DrainOptions options, Func<string, string, DaemonSetState> daemonSet)
    {
        var controller = ControllerOf(pod);
        if (controller is null || controller.Kind != "DaemonSet") return Okay(pod);
        if (IsFinished(pod)) return Okay(pod);
        var state = daemonSet(pod.Metadata.NamespaceProperty, controller.Name);
        if (!state.Exists)
        {
            // An orphan (its DaemonSet is gone) may go with -Force.
            if (state.NotFound && options.Force) return new PodDrainDecision(pod, DrainVerdict.Warning, true, state.Error);
            return new PodDrainDecision(pod, DrainVerdict.Error, false, state.Error);
        }
        return options.IgnoreDaemonSets
            ? new PodDrainDecision(pod, DrainVerdict.Warning, false, DaemonSetWarning)
            : new PodDrainDecision(pod, DrainVerdict.Error, false, DaemonSetFatal);
    }

    private static PodDrainDecision MirrorPodFilter(V1Pod pod)
        => pod.Metadata?.Annotations?.ContainsKey(MirrorPodAnnotation) == true ? new PodDrainDecision(pod, DrainVerdict.Skip, false, null) : Okay(pod);

    private static PodDrainDecision LocalStorageFilter(V1Pod pod, DrainOptions options)
    {
        if (pod.Spec?.Volumes?.Any(v => v.EmptyDir is not null) != true) return Okay(pod);
        if (IsFinished(pod)) return Okay(pod);
        return options.DeleteEmptyDirData
            ? new PodDrainDecision(pod, DrainVerdict.Warning, true, LocalStorageWarning)
            : new PodDrainDecision(pod, DrainVerdict.Error, false, LocalStorageFatal);
    }

    private static PodDrainDecision UnreplicatedFilter(V1Pod pod, DrainOptions options)
    {
        if (IsFinished(pod)) return Okay(pod);
        if (ControllerOf(pod) is not null) return Okay(pod);
        return options.Force
            ? new PodDrainDecision(pod, DrainVerdict.Warning, true, UnmanagedWarning)
            : new PodDrainDecision(pod, DrainVerdict.Error, false, UnmanagedFatal);
    }

    private static bool IsFinished(V1Pod pod) => pod.Status?.Phase is "Succeeded" or "Failed";

    private static PodDrainDecision Okay(V1Pod pod) => new(pod, DrainVerdict.Okay, true, null);
}
