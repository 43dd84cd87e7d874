using k8s;
using k8s.Models;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Rollouts;

/// <summary>
/// The workload kinds the rollout commands act on, named as kubectl users name them (deploy, sts, ds, rs, rc,
/// po, cj and the plural and group forms), and what each command accepts: the kinds kubectl supports for it.
/// </summary>
public static class WorkloadKinds
{
    public const string Deployment = "Deployment";
    public const string StatefulSet = "StatefulSet";
    public const string DaemonSet = "DaemonSet";
    public const string ReplicaSet = "ReplicaSet";
    public const string ReplicationController = "ReplicationController";
    public const string Job = "Job";
    public const string CronJob = "CronJob";
    public const string Pod = "Pod";

    /// <summary>kubectl rollout status / history / undo / restart.</summary>
    public static readonly IReadOnlyList<string> Rollout = [Deployment, StatefulSet, DaemonSet];
    /// <summary>kubectl rollout pause / resume.</summary>
    public static readonly IReadOnlyList<string> Pausable = [Deployment];
    /// <summary>
    /// kubectl set image: everything with a pod template, and pods. Not CronJobs: the 1.20 server serves them
    /// only as batch/v1beta1, which this client's typed API does not have.
    /// </summary>
    public static readonly IReadOnlyList<string> WithPodSpec = [Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, Pod];
    /// <summary>kubectl scale: the kinds with a scale subresource.</summary>
    public static readonly IReadOnlyList<string> Scalable = Scaling.ScalableKinds;

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["deploy"] = Deployment, ["deployment"] = Deployment, ["deployments"] = Deployment, ["deployment.apps"] = Deployment, ["deployments.apps"] = Deployment,
        ["sts"] = StatefulSet, ["statefulset"] = StatefulSet, ["statefulsets"] = StatefulSet, ["statefulset.apps"] = StatefulSet, ["statefulsets.apps"] = StatefulSet,
        ["ds"] = DaemonSet, ["daemonset"] = DaemonSet, ["daemonsets"] = DaemonSet, ["daemonset.apps"] = DaemonSet, ["daemonsets.apps"] = DaemonSet,
        ["rs"] = ReplicaSet, ["replicaset"] = ReplicaSet, ["replicasets"] = ReplicaSet, ["replicaset.apps"] = ReplicaSet, ["replicasets.apps"] = ReplicaSet,
        ["rc"] = ReplicationController, ["replicationcontroller"] = ReplicationController, ["replicationcontrollers"] = ReplicationController,
        ["job"] = Job, ["jobs"] = Job, ["job.batch"] = Job, ["jobs.batch"] = Job,
        ["cj"] = CronJob, ["cronjob"] = CronJob, ["cronjobs"] = CronJob, ["cronjob.batch"] = CronJob, ["cronjobs.batch"] = CronJob,
        ["po"] = Pod, ["pod"] = Pod, ["pods"] = Pod,
    };

    /// <summary>
    /// The canonical kind for <paramref name="kind"/> when <paramref name="allowed"/> has it; otherwise an error
    /// that says which kinds <paramref name="command"/> works on.
    /// </summary>
    public static string Resolve(string kind, IReadOnlyList<string> allowed, string command)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(allowed);
        if (Aliases.TryGetValue(kind, out var canonical) && allowed.Contains(canonical)) return canonical;
        var known = Aliases.ContainsKey(kind) ? canonical : null;
        throw new K8sException(new K8sError("KindNotSupported", K8sErrorCategory.NotSupported,
            known is null
                ? $"{command} does not know the kind \"{kind}\": it works on {string.Join(", ", allowed)}"
                : $"{command} does not work on {known}s, as kubectl's does not: it works on {string.Join(", ", allowed)}")
        {
            Kind = known ?? kind,
            RecommendedAction = $"Name one of: {string.Join(", ", allowed)} (or their short names: deploy, sts, ds, rs, rc, cj, po).",
        });
    }

    /// <summary>The kind of a typed object (list items come without their kind field).</summary>
    public static string? KindOf(object? obj) => obj switch
    {
        null => null,
        IKubernetesObject k when !string.IsNullOrEmpty(k.Kind) => k.Kind,
        V1Deployment or V1StatefulSet or V1DaemonSet or V1ReplicaSet or V1ReplicationController or V1Job or V1CronJob or V1Pod => Workload.Of(obj).Kind,
        _ => null,
    };

    /// <summary>kubectl's printed type, <c>deployment.apps</c>.</summary>
    public static string TypeName(string kind) => Info(kind).TypeString;

    /// <summary>kubectl's resource in messages, <c>deployments.apps</c>.</summary>
    public static string Resource(string kind) => Info(kind).ResourceString;

    /// <summary>The REST path of the kind's collection in <paramref name="ns"/>.</summary>
    public static string CollectionPath(string kind, string ns)
    {
        var info = Info(kind);
        var root = info.Group.Length == 0 ? "/api/v1" : $"/apis/{info.Group}/v1";
        return $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{info.Resource}";
    }

    internal static Workload.KindInfo Info(string kind) => kind switch
    {
        Deployment => Workload.Deployment,
        StatefulSet => Workload.StatefulSet,
        DaemonSet => Workload.DaemonSet,
        ReplicaSet => Workload.ReplicaSet,
        ReplicationController => Workload.ReplicationController,
        Job => Workload.Job,
        CronJob => Workload.CronJob,
        Pod => Workload.Pod,
        _ => throw new ArgumentException($"\"{kind}\" is not a workload kind; resolve it with {nameof(Resolve)} first.", nameof(kind)),
    };
}
