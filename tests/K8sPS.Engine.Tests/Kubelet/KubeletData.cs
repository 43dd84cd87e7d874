using k8s;
using k8s.Models;
using K8sPS.Engine.Tests.Manifests;
using K8sPS.Engine.Kubelet;

namespace K8sPS.Engine.Tests.Kubelet;

/// <summary>Pods and cluster objects the kubelet tests share (Kubelet/data).</summary>
internal static class KubeletData
{
    public static V1Pod Pod(string file)
        => KubernetesYaml.Deserialize<V1Pod>(File.ReadAllText(Path.Combine(TestFiles.RepoRoot, "tests", "K8sPS.Engine.Tests", "Kubelet", "data", file)));

    public static V1Service Service(string ns, string name, string clusterIp, params V1ServicePort[] ports) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1ServiceSpec { ClusterIP = clusterIp, Ports = ports.ToList() },
    };

    public static V1ServicePort Port(int port, string? name = null, string? protocol = "TCP") => new() { Port = port, Name = name, Protocol = protocol };

    public static V1Secret Secret(string name, Dictionary<string, string> data) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "shop" },
        Data = data.ToDictionary(p => p.Key, p => System.Text.Encoding.UTF8.GetBytes(p.Value)),
    };

    public static V1ConfigMap ConfigMap(string name, Dictionary<string, string> data, Dictionary<string, byte[]>? binary = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "shop" },
        Data = data,
        BinaryData = binary,
    };

    /// <summary>Lookups over the given objects, by name.</summary>
    public static Engine.Kubelet.PodLookups Lookups(IEnumerable<V1Secret>? secrets = null, IEnumerable<V1ConfigMap>? configMaps = null, IEnumerable<V1Service>? services = null, IDictionary<string, ResourceQuantity>? allocatable = null)
    {
        var s = (secrets ?? []).ToDictionary(x => x.Metadata.Name);
        var c = (configMaps ?? []).ToDictionary(x => x.Metadata.Name);
        return new Engine.Kubelet.PodLookups
        {
            Secret = n => s.GetValueOrDefault(n),
            ConfigMap = n => c.GetValueOrDefault(n),
            Services = (services ?? []).ToList(),
            NodeAllocatable = allocatable,
        };
    }

    public static Dictionary<string, ResourceQuantity> Allocatable() => new()
    {
        ["cpu"] = new ResourceQuantity("4"),
        ["memory"] = new ResourceQuantity("16Gi"),
        ["ephemeral-storage"] = new ResourceQuantity("100Gi"),
        ["pods"] = new ResourceQuantity("110"),
    };
}
