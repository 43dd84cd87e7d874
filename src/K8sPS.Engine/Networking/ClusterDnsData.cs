using k8s.Models;

namespace K8sPS.Engine.Networking;

/// <summary>
/// What the cluster DNS answers from: services and endpoints of every namespace (CoreDNS watches them all), and
/// optionally pods (only to explain why a pod's hostname does not resolve) and the namespaces that exist (when
/// null, a namespace exists if some object of it is given).
/// </summary>
public sealed record ClusterDnsData
{
    public IReadOnlyList<V1Service> Services { get; init; } = [];

    public IReadOnlyList<V1Endpoints> Endpoints { get; init; } = [];

    public IReadOnlyList<V1Pod> Pods { get; init; } = [];

    public IReadOnlyCollection<string>? Namespaces { get; init; }

    /// <summary>CoreDNS's "pods insecure" (kubeadm's Corefile): a-b-c-d.N.pod.&lt;domain&gt; answers a-b-c-d as an IP without checking.</summary>
    public bool PodRecords { get; init; } = true;
}
