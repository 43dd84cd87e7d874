using k8s;
using k8s.Models;

namespace K8sPS.Engine.Rollouts;

/// <summary>
/// What the rollout code needs to know about a typed workload object: its kind, the resource name kubectl
/// prints in messages (<c>deployments.apps "web"</c>), and where its pod spec lives. One place, so every
/// message names objects the same way.
/// </summary>
internal static class Workload
{
    internal sealed record KindInfo(string Kind, string Resource, string Group)
    {
        /// <summary>kubectl's resource string in errors: <c>deployments.apps</c>, <c>pods</c>.</summary>
        public string ResourceString => Group.Length == 0 ? Resource : Resource + "." + Group;

        /// <summary>kubectl's printed type: <c>deployment.apps</c>, <c>pod</c>.</summary>
        public string TypeString => Group.Length == 0 ? Kind.ToLowerInvariant() : Kind.ToLowerInvariant() + "." + Group;
    }

    public static readonly KindInfo Deployment = new("Deployment", "deployments", "apps");
    public static readonly KindInfo StatefulSet = new("StatefulSet", "statefulsets", "apps");
    public static readonly KindInfo DaemonSet = new("DaemonSet", "daemonsets", "apps");
    public static readonly KindInfo ReplicaSet = new("ReplicaSet", "replicasets", "apps");
    public static readonly KindInfo ReplicationController = new("ReplicationController", "replicationcontrollers", "");
    public static readonly KindInfo Pod = new("Pod", "pods", "");
    public static readonly KindInfo Job = new("Job", "jobs", "batch");
    public static readonly KindInfo CronJob = new("CronJob", "cronjobs", "batch");

    public static KindInfo Of(object workload) => workload switch
    {
        V1Deployment => Deployment,
        V1StatefulSet => StatefulSet,
        V1DaemonSet => DaemonSet,
        V1ReplicaSet => ReplicaSet,
        V1ReplicationController => ReplicationController,
        V1Pod => Pod,
        V1Job => Job,
        V1CronJob => CronJob,
        IKubernetesObject k when !string.IsNullOrEmpty(k.Kind) => new KindInfo(k.Kind, k.Kind.ToLowerInvariant() + "s", ""),
        _ => new KindInfo(workload.GetType().Name, workload.GetType().Name.ToLowerInvariant(), ""),
    };

    public static V1ObjectMeta? Meta(object workload) => (workload as IMetadata<V1ObjectMeta>)?.Metadata;

    public static string Name(object workload) => Meta(workload)?.Name ?? "";

    /// <summary><c>deployments.apps "web"</c>, as kubectl names an object in an error.</summary>
    public static string Describe(object workload) => $"{Of(workload).ResourceString} \"{Name(workload)}\"";

    /// <summary>
    /// The pod spec kubectl's updatePodSpecForObject edits, creating empty parents as it does (an RC with no
    /// template gets one); null for an object that has no pod spec.
    /// </summary>
    public static V1PodSpec? PodSpec(object workload)
    {
        switch (workload)
        {
            case V1Pod p: return p.Spec ??= new V1PodSpec();
            case V1CronJob c:
                c.Spec ??= new V1CronJobSpec();
                c.Spec.JobTemplate ??= new V1JobTemplateSpec();
                c.Spec.JobTemplate.Spec ??= new V1JobSpec();
                return Spec(c.Spec.JobTemplate.Spec.Template ??= new V1PodTemplateSpec());
            default:
                return Template(workload, create: true) is { } t ? Spec(t) : null;
        }

        static V1PodSpec Spec(V1PodTemplateSpec t) => t.Spec ??= new V1PodSpec();
    }

    /// <summary>The pod template of a controller (null for a Pod and for objects without one).</summary>
    public static V1PodTemplateSpec? Template(object workload, bool create = false)
    {
        switch (workload)
        {
            case V1Deployment d: d.Spec ??= new V1DeploymentSpec(); return create ? d.Spec.Template ??= new V1PodTemplateSpec() : d.Spec.Template;
            case V1StatefulSet s: s.Spec ??= new V1StatefulSetSpec(); return create ? s.Spec.Template ??= new V1PodTemplateSpec() : s.Spec.Template;
            case V1DaemonSet ds: ds.Spec ??= new V1DaemonSetSpec(); return create ? ds.Spec.Template ??= new V1PodTemplateSpec() : ds.Spec.Template;
            case V1ReplicaSet rs: rs.Spec ??= new V1ReplicaSetSpec(); return create ? rs.Spec.Template ??= new V1PodTemplateSpec() : rs.Spec.Template;
            case V1ReplicationController rc: rc.Spec ??= new V1ReplicationControllerSpec(); return create ? rc.Spec.Template ??= new V1PodTemplateSpec() : rc.Spec.Template;
            case V1Job j: j.Spec ??= new V1JobSpec(); return create ? j.Spec.Template ??= new V1PodTemplateSpec() : j.Spec.Template;
            case V1CronJob c: return c.Spec?.JobTemplate?.Spec?.Template;
            default: return null;
        }
    }

    /// <summary>The JSON path from the object's root to its pod spec, for building patches.</summary>
    public static string[] PodSpecPath(object workload) => workload switch
    {
        V1Pod => ["spec"],
        V1CronJob => ["spec", "jobTemplate", "spec", "template", "spec"],
        _ => ["spec", "template", "spec"],
    };

    /// <summary>A deep copy through KubernetesClient's own JSON, so edits never touch the caller's object.</summary>
    public static T Clone<T>(T workload) where T : class
        => (T)(DeserializeAs(KubernetesJson.Serialize(workload), workload.GetType())
               ?? throw new InvalidOperationException("The object could not be copied."));

    /// <summary>KubernetesJson.Deserialize for a model type known only at run time.</summary>
    public static object? DeserializeAs(string json, Type model)
    {
        try { return DeserializeString.MakeGenericMethod(model).Invoke(null, [json, null]); }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private static readonly System.Reflection.MethodInfo DeserializeString = typeof(KubernetesJson).GetMethods()
        .Single(m => m.Name == nameof(KubernetesJson.Deserialize) && m.IsGenericMethodDefinition
                     && m.GetParameters() is [{ ParameterType: var p }, _] && p == typeof(string));
}
