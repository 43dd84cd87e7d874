using k8s;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Resources;

namespace K8sPS.Engine.Rollouts;

/// <summary>
/// The typed reads and patches the rollout commands send, one switch per kind, so a cmdlet reads the object,
/// asks the pure rollout code what to send (<see cref="ImageUpdate"/>, <see cref="Rollback"/>,
/// <see cref="RolloutControl"/>), and sends that patch, with no kind-specific code of its own.
/// </summary>
public static class WorkloadClient
{
    /// <summary>Reads the object; a 404 becomes kubectl's NotFound error naming it.</summary>
    public static async Task<object> GetAsync(IKubernetes client, string kind, string ns, string name, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            return kind switch
            {
                WorkloadKinds.Deployment => await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: ct).ConfigureAwait(false),
                WorkloadKinds.StatefulSet => await client.AppsV1.ReadNamespacedStatefulSetAsync(name, ns, cancellationToken: ct).ConfigureAwait(false),
                WorkloadKinds.DaemonSet => await client.AppsV1.ReadNamespacedDaemonSetAsync(name, ns, cancellationToken: ct).ConfigureAwait(false),
                WorkloadKinds.ReplicaSet => await client.AppsV1.ReadNamespacedReplicaSetAsync(name, ns, cancellationToken: ct).ConfigureAwait(false),
                WorkloadKinds.ReplicationController => await client.CoreV1.ReadNamespacedReplicationControllerAsync(name, ns, cancellationToken: ct).ConfigureAwait(false),
                WorkloadKinds.Job => await client.BatchV1.ReadNamespacedJobAsync(name, ns, cancellationToken: ct).ConfigureAwait(false),
                WorkloadKinds.CronJob => await client.BatchV1.ReadNamespacedCronJobAsync(name, ns, cancellationToken: ct).ConfigureAwait(false),
                WorkloadKinds.Pod => await client.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: ct).ConfigureAwait(false),
                _ => throw Unknown(kind),
            };
        }
        catch (k8s.Autorest.HttpOperationException e)
        {
            throw WithResource(e, kind, name, ns);
        }
    }

    /// <summary>Sends <paramref name="patch"/> (with <paramref name="dryRun"/>: a server dry run) and returns the object as the server answered.</summary>
    public static async Task<object> PatchAsync(IKubernetes client, string kind, string ns, string name, PatchRequest patch, bool dryRun = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(patch);
        var body = patch.ToV1Patch();
        var dry = dryRun ? "All" : null;
        const string manager = FieldManagers.Create;
        try
        {
            return kind switch
            {
                WorkloadKinds.Deployment => await client.AppsV1.PatchNamespacedDeploymentAsync(body, name, ns, dryRun: dry, fieldManager: manager, cancellationToken: ct).ConfigureAwait(false),
                WorkloadKinds.StatefulSet => await client.AppsV1.PatchNamespacedStatefulSetAsync(body, name, ns, dryRun: dry, fieldManager: manager, cancellationToken: ct).ConfigureAwait(false),
                WorkloadKinds.DaemonSet => await client.AppsV1.PatchNamespacedDaemonSetAsync(body, name, ns, dryRun: dry, fieldManager: manager, cancellationToken: ct).ConfigureAwait(false),
                WorkloadKinds.ReplicaSet => await client.AppsV1.PatchNamespacedReplicaSetAsync(body, name, ns, dryRun: dry, fieldManager: manager, cancellationToken: ct).ConfigureAwait(false),
                WorkloadKinds.ReplicationController => await client.CoreV1.PatchNamespacedReplicationControllerAsync(body, name, ns, dryRun: dry, fieldManager: manager, cancellationToken: ct).ConfigureAwait(false),
                WorkloadKinds.Job => await client.BatchV1.PatchNamespacedJobAsync(body, name, ns, dryRun: dry, fieldManager: manager, cancellationToken: ct).ConfigureAwait(false),
                WorkloadKinds.CronJob => await client.BatchV1.PatchNamespacedCronJobAsync(body, name, ns, dryRun: dry, fieldManager: manager, cancellationToken: ct).ConfigureAwait(false),
                WorkloadKinds.Pod => await client.CoreV1.PatchNamespacedPodAsync(body, name, ns, dryRun: dry, fieldManager: manager, cancellationToken: ct).ConfigureAwait(false),
                _ => throw Unknown(kind),
            };
        }
        catch (k8s.Autorest.HttpOperationException e)
        {
            throw WithResource(e, kind, name, ns);
        }
    }

    /// <summary>The rollout history of a Deployment, StatefulSet or DaemonSet, oldest first, read as kubectl reads it.</summary>
    public static async Task<IReadOnlyList<RolloutRevision>> HistoryAsync(IKubernetes client, object workload, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return workload switch
        {
            V1Deployment d => RolloutHistory.ForDeployment(d, await OwnedObjects.ListReplicaSetsAsync(client, d, ct).ConfigureAwait(false)),
            V1StatefulSet s => RolloutHistory.ForStatefulSet(s, await OwnedObjects.ListControllerRevisionsAsync(client, s, ct).ConfigureAwait(false)),
            V1DaemonSet ds => RolloutHistory.ForDaemonSet(ds, await OwnedObjects.ListControllerRevisionsAsync(client, ds, ct).ConfigureAwait(false)),
            null => throw new ArgumentNullException(nameof(workload)),
            _ => throw NoHistory(workload),
        };
    }

    /// <summary>What <c>kubectl rollout undo --to-revision</c> would do to <paramref name="workload"/> (nothing is sent).</summary>
    public static async Task<RollbackResult> PlanRollbackAsync(IKubernetes client, object workload, long toRevision, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return workload switch
        {
            V1Deployment d => Rollback.ForDeployment(d, await OwnedObjects.ListReplicaSetsAsync(client, d, ct).ConfigureAwait(false), toRevision),
            V1StatefulSet s => Rollback.ForStatefulSet(s, await OwnedObjects.ListControllerRevisionsAsync(client, s, ct).ConfigureAwait(false), toRevision),
            V1DaemonSet ds => Rollback.ForDaemonSet(ds, await OwnedObjects.ListControllerRevisionsAsync(client, ds, ct).ConfigureAwait(false), toRevision),
            null => throw new ArgumentNullException(nameof(workload)),
            _ => throw NoHistory(workload),
        };
    }

    private static K8sException NoHistory(object workload)
        => new(new K8sError("KindNotSupported", K8sErrorCategory.NotSupported,
            $"no history viewer has been implemented for {Workload.Of(workload).Kind}")
        {
            Kind = Workload.Of(workload).Kind,
            Name = Workload.Name(workload),
            RecommendedAction = "Rollout history exists for Deployments, StatefulSets and DaemonSets.",
        });

    private static ArgumentException Unknown(string kind) => new($"\"{kind}\" is not a workload kind; resolve it with WorkloadKinds.Resolve first.", nameof(kind));

    /// <summary>
    /// The server's error about the object, its message in kubectl's words: a 404 without a body (a typed call's
    /// answer) still reads <c>deployments.apps "web" not found</c>.
    /// </summary>
    private static K8sException WithResource(k8s.Autorest.HttpOperationException e, string kind, string name, string ns)
    {
        var error = ErrorMapper.Map(e, kind, name, ns);
        if (error.StatusCode == 404 && !error.Message.Contains("not found", StringComparison.Ordinal))
            error = new K8sError(error.ErrorId, error.Category, $"{WorkloadKinds.Resource(kind)} \"{name}\" not found in namespace \"{ns}\"")
            {
                Reason = error.Reason,
                StatusCode = error.StatusCode,
                Kind = kind,
                Name = name,
                Namespace = ns,
            };
        return new K8sException(error);
    }
}
