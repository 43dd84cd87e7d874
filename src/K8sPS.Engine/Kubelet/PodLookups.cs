using k8s.Models;

namespace K8sPS.Engine.Kubelet;

/// <summary>
/// What the kubelet reads from the cluster to start a pod's container: Secrets and ConfigMaps of the pod's
/// namespace by name (null when there is none), the services that existed when the pod started (those of the pod's
/// namespace and the kubernetes service of default; others are ignored), and the node's allocatable resources,
/// which resourceFieldRef takes for limits a container does not set.
/// </summary>
public sealed record PodLookups
{
    public Func<string, V1Secret?> Secret { get; init; } = _ => null;

    public Func<string, V1ConfigMap?> ConfigMap { get; init; } = _ => null;

    public IReadOnlyList<V1Service> Services { get; init; } = [];

    /// <summary>The node's status.allocatable; null when the node is unknown (resourceFieldRef then fails as the kubelet's would).</summary>
    public IDictionary<string, ResourceQuantity>? NodeAllocatable { get; init; }

    /// <summary>The kubelet's --master-service-namespace.</summary>
    public string MasterServiceNamespace { get; init; } = "default";
}
