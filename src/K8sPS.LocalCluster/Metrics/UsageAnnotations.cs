namespace K8sPS.LocalCluster.Metrics;

/// <summary>
/// The pod annotations that set a simulated container's usage. <c>sim.k8sps.io/cpu</c> and
/// <c>sim.k8sps.io/memory</c> apply to every container of the pod; <c>sim.k8sps.io/cpu.&lt;container&gt;</c>
/// and <c>sim.k8sps.io/memory.&lt;container&gt;</c> to that one container, before the pod-wide value.
/// Values are a <see cref="UsageCurve"/>. Set on a Deployment's pod template, they reach new pods through
/// a rollout; set on a running pod, they apply from the next metrics request.
/// </summary>
internal static class UsageAnnotations
{
    public const string Prefix = "sim.k8sps.io/";
    public const string Cpu = Prefix + "cpu";
    public const string Memory = Prefix + "memory";

    public static string For(UsageResource resource) => resource == UsageResource.Cpu ? Cpu : Memory;

    /// <summary>The annotation for one container: the pod-wide key, a dot, the container's name.</summary>
    public static string For(UsageResource resource, string container) => For(resource) + "." + container;
}
