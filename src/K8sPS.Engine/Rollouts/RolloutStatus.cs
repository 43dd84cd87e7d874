using System.Globalization;
using k8s.Models;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Rollouts;

/// <summary>One look at a rollout: kubectl's status line (without its trailing newline) and whether it is done.</summary>
public sealed record RolloutStatusResult(string Message, bool Done);

/// <summary>
/// <c>kubectl rollout status</c>'s status viewers (polymorphichelpers/rollout_status.go) for Deployments,
/// DaemonSets and StatefulSets: the same messages, the same done rule, the same errors. A caller watching a
/// rollout calls this on every version of the object it sees until Done or an error.
/// </summary>
public static class RolloutStatus
{
    public const string ProgressingCondition = "Progressing";
    public const string TimedOutReason = "ProgressDeadlineExceeded";

    /// <summary>
    /// The Deployment's status. With <paramref name="revision"/> &gt; 0 (kubectl's --revision) it fails when the
    /// Deployment has moved to another revision; it fails too once the Progressing condition says
    /// ProgressDeadlineExceeded.
    /// </summary>
    public static RolloutStatusResult For(V1Deployment deployment, long revision = 0)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        CheckRevisionArgument(revision);
        var name = deployment.Metadata?.Name ?? "";
        if (revision > 0)
        {
            if (!RolloutHistory.TryRevision(deployment.Metadata, out var current))
                throw Error("InvalidRevisionAnnotation", K8sErrorCategory.InvalidArgument,
                    $"cannot get the revision of deployment \"{name}\": the {RolloutHistory.RevisionAnnotation} annotation is \"{deployment.Metadata!.Annotations![RolloutHistory.RevisionAnnotation]}\", not a number",
                    deployment, null);
            if (revision != current)
                throw Error("RevisionMismatch", K8sErrorCategory.Conflict,
                    $"desired revision ({F(revision)}) is different from the running revision ({F(current)})", deployment,
                    "A newer rollout replaced the one being watched; watch without -Revision to follow the latest.");
        }

        var status = deployment.Status ?? new V1DeploymentStatus();
        if ((deployment.Metadata?.Generation ?? 0) > (status.ObservedGeneration ?? 0))
            return new RolloutStatusResult("Waiting for deployment spec update to be observed...", false);

        var progressing = status.Conditions?.FirstOrDefault(c => c.Type == ProgressingCondition);
        if (progressing?.Reason == TimedOutReason)
            throw Error("ProgressDeadlineExceeded", K8sErrorCategory.Timeout,
                $"deployment \"{name}\" exceeded its progress deadline{(string.IsNullOrEmpty(progressing.Message) ? "" : $" ({progressing.Message})")}", deployment,
                "Look at the new ReplicaSet's pods and events (Get-K8sEvent) for why they do not become available.");

        var updated = status.UpdatedReplicas ?? 0;
        if (deployment.Spec?.Replicas is int wanted && updated < wanted)
            return Waiting($"Waiting for deployment \"{name}\" rollout to finish: {F(updated)} out of {F(wanted)} new replicas have been updated...");
        var replicas = status.Replicas ?? 0;
        if (replicas > updated)
            return Waiting($"Waiting for deployment \"{name}\" rollout to finish: {F(replicas - updated)} old replicas are pending termination...");
        var available = status.AvailableReplicas ?? 0;
        if (available < updated)
            return Waiting($"Waiting for deployment \"{name}\" rollout to finish: {F(available)} of {F(updated)} updated replicas are available...");
        return new RolloutStatusResult($"deployment \"{name}\" successfully rolled out", true);
    }

    /// <summary>The DaemonSet's status; only the RollingUpdate strategy has one (kubectl ignores --revision here).</summary>
    public static RolloutStatusResult For(V1DaemonSet daemonSet, long revision = 0)
    {
        ArgumentNullException.ThrowIfNull(daemonSet);
        CheckRevisionArgument(revision);
        var name = daemonSet.Metadata?.Name ?? "";
        if (daemonSet.Spec?.UpdateStrategy?.Type != "RollingUpdate")
            throw OnlyRollingUpdate(daemonSet, daemonSet.Spec?.UpdateStrategy?.Type);
        var status = daemonSet.Status ?? new V1DaemonSetStatus();
        if ((daemonSet.Metadata?.Generation ?? 0) > (status.ObservedGeneration ?? 0))
            return new RolloutStatusResult("Waiting for daemon set spec update to be observed...", false);
        var updated = status.UpdatedNumberScheduled ?? 0;
        var desired = status.DesiredNumberScheduled;
        if (updated < desired)
            return Waiting($"Waiting for daemon set \"{name}\" rollout to finish: {F(updated)} out of {F(desired)} new pods have been updated...");
        var available = status.NumberAvailable ?? 0;
        if (available < desired)
            return Waiting($"Waiting for daemon set \"{name}\" rollout to finish: {F(available)} of {F(desired)} updated pods are available...");
        return new RolloutStatusResult($"daemon set \"{name}\" successfully rolled out", true);
    }

    /// <summary>
    /// The StatefulSet's status; only the RollingUpdate strategy has one. With a rollingUpdate section the
    /// partition decides (kubectl says "partitioned roll out" even with no partition set); without one the
    /// update and current revisions must meet. kubectl ignores --revision here.
    /// </summary>
    public static RolloutStatusResult For(V1StatefulSet statefulSet, long revision = 0)
    {
        ArgumentNullException.ThrowIfNull(statefulSet);
        CheckRevisionArgument(revision);
        var strategy = statefulSet.Spec?.UpdateStrategy;
        if (strategy?.Type != "RollingUpdate")
            throw OnlyRollingUpdate(statefulSet, strategy?.Type);
        var status = statefulSet.Status ?? new V1StatefulSetStatus();
        var observed = status.ObservedGeneration ?? 0;
        if (observed == 0 || (statefulSet.Metadata?.Generation ?? 0) > observed)
            return new RolloutStatusResult("Waiting for statefulset spec update to be observed...", false);
        var ready = status.ReadyReplicas ?? 0;
        if (statefulSet.Spec?.Replicas is int wanted && ready < wanted)
            return Waiting($"Waiting for {F(wanted - ready)} pods to be ready...");
        var updated = status.UpdatedReplicas ?? 0;
        if (strategy.RollingUpdate is { } rolling)
        {
            if (statefulSet.Spec?.Replicas is int replicas && rolling.Partition is int partition && updated < replicas - partition)
                return Waiting($"Waiting for partitioned roll out to finish: {F(updated)} out of {F(replicas - partition)} new pods have been updated...");
            return new RolloutStatusResult($"partitioned roll out complete: {F(updated)} new pods have been updated...", true);
        }
        if (status.UpdateRevision != status.CurrentRevision)
            return Waiting($"waiting for statefulset rolling update to complete {F(updated)} pods at revision {status.UpdateRevision}...");
        return new RolloutStatusResult($"statefulset rolling update complete {F(status.CurrentReplicas ?? 0)} pods at revision {status.CurrentRevision}...", true);
    }

    /// <summary>Dispatches on the object's type; kubectl's "no status viewer has been implemented" for any other kind.</summary>
    public static RolloutStatusResult For(object workload, long revision = 0) => workload switch
    {
        V1Deployment d => For(d, revision),
        V1DaemonSet ds => For(ds, revision),
        V1StatefulSet s => For(s, revision),
        null => throw new ArgumentNullException(nameof(workload)),
        _ => throw Error("RolloutStatusNotSupported", K8sErrorCategory.NotSupported,
            $"no status viewer has been implemented for {Workload.Of(workload).Kind}", workload,
            "Rollout status exists for Deployments, DaemonSets and StatefulSets."),
    };

    private static void CheckRevisionArgument(long revision)
    {
        if (revision < 0)
            throw new K8sException(new K8sError("InvalidRevision", K8sErrorCategory.InvalidArgument,
                $"revision must be a positive integer: {F(revision)}"));
    }

    private static RolloutStatusResult Waiting(string message) => new(message, false);

    private static K8sException OnlyRollingUpdate(object workload, string? strategy)
        => Error("RolloutStatusNotSupported", K8sErrorCategory.NotSupported,
            $"rollout status is only available for RollingUpdate strategy type; {Workload.Describe(workload)} uses {(string.IsNullOrEmpty(strategy) ? "no" : strategy)} strategy",
            workload, "With OnDelete, pods change only when deleted; watch the pods instead.");

    private static K8sException Error(string id, K8sErrorCategory category, string message, object workload, string? action)
        => new(new K8sError(id, category, message)
        {
            Kind = Workload.Of(workload).Kind,
            Name = Workload.Name(workload),
            Namespace = Workload.Meta(workload)?.NamespaceProperty,
            RecommendedAction = action,
        });

    private static string F(long n) => n.ToString(CultureInfo.InvariantCulture);
}
