using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using k8s.Models;
using K8sPS.Engine.LocalCluster;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// The Node and Lease objects a kubelet would register and keep fresh, for one simulated node.
/// Pure: no API calls, so the shape is unit-tested.
/// </summary>
public static class NodeObjectFactory
{
    /// <summary>Marks nodes as ours, naming the simulated cluster that owns them.</summary>
    public const string SimulatedByAnnotation = K8sPS.Engine.LocalCluster.SimulatorAnnotations.SimulatedBy;

    public const string NodeLeaseNamespace = "kube-node-lease";

    public static string Architecture => RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        _ => "amd64",
    };

    /// <summary>The port nodes advertise when no kubelet endpoint is served (nothing listens there).</summary>
    public const int DefaultKubeletPort = 10250;

    public static V1Node Build(SimulatedNodeIdentity node, NodeSimulatorOptions options, string kubeletVersion, DateTime now, int kubeletPort = DefaultKubeletPort)
    {
        var labels = new Dictionary<string, string>
        {
            ["beta.kubernetes.io/arch"] = Architecture,
            ["beta.kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = Architecture,
            ["kubernetes.io/hostname"] = node.Name,
            ["kubernetes.io/os"] = "linux",
        };
        if (node.Index == 1)
        {
            // minikube's first node is the control plane; kubectl shows it in the ROLES column.
            labels["node-role.kubernetes.io/control-plane"] = "";
            labels["node-role.kubernetes.io/master"] = "";
        }

        return new V1Node
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = new V1ObjectMeta
            {
                Name = node.Name,
                Labels = labels,
                Annotations = new Dictionary<string, string>
                {
                    [SimulatedByAnnotation] = options.ClusterName,
                    ["node.alpha.kubernetes.io/ttl"] = "0",
                    ["volumes.kubernetes.io/controller-managed-attach-detach"] = "true",
                },
            },
            Spec = new V1NodeSpec { PodCIDR = node.PodCidr, PodCIDRs = new List<string> { node.PodCidr } },
            Status = BuildStatus(node, options, kubeletVersion, now, kubeletPort),
        };
    }

    public static V1NodeStatus BuildStatus(SimulatedNodeIdentity node, NodeSimulatorOptions options, string kubeletVersion, DateTime now, int kubeletPort = DefaultKubeletPort)
    {
        var resources = new Dictionary<string, ResourceQuantity>
        {
            ["cpu"] = new(options.NodeCpu),
            ["memory"] = new(options.NodeMemory),
            ["ephemeral-storage"] = new(options.NodeEphemeralStorage),
            ["pods"] = new(options.MaxPodsPerNode.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ["hugepages-1Gi"] = new("0"),
            ["hugepages-2Mi"] = new("0"),
        };
        return new V1NodeStatus
        {
            Capacity = resources,
            Allocatable = new Dictionary<string, ResourceQuantity>(resources),
            Addresses = new List<V1NodeAddress>
            {
                new() { Type = "InternalIP", Address = node.InternalIp },
                new() { Type = "Hostname", Address = node.Name },
            },
            Conditions = Conditions(now),
            // Where the API server dials for logs, exec and proxy: this node's own loopback address and this port.
            DaemonEndpoints = new V1NodeDaemonEndpoints { KubeletEndpoint = new V1DaemonEndpoint { Port = kubeletPort } },
            NodeInfo = new V1NodeSystemInfo
            {
                Architecture = Architecture,
                OperatingSystem = "linux",
                OsImage = "K8sPS simulated node",
                KernelVersion = KernelVersion(),
                ContainerRuntimeVersion = PodStatusFactory.RuntimeScheme + "://0.1.0",
                KubeletVersion = kubeletVersion,
                KubeProxyVersion = kubeletVersion,
                MachineID = StableHex(node.Name + "/machine", 32),
                SystemUUID = StableGuid(node.Name + "/system"),
                BootID = StableGuid(node.Name + "/boot"),
            },
        };
    }

    /// <summary>The five conditions of a healthy node; heartbeats are "now", transitions are left to the server's copy.</summary>
    public static List<V1NodeCondition> Conditions(DateTime now) => new()
    {
        Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now),
        Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now),
        Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now),
        Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", now),
        Condition("NetworkUnavailable", "False", "RouteCreated", "the node simulator provides pod networking", now),
    };

    public static V1Lease BuildLease(string nodeName, string nodeUid, int leaseDurationSeconds, DateTime now) => new()
    {
        ApiVersion = "coordination.k8s.io/v1",
        Kind = "Lease",
        Metadata = new V1ObjectMeta
        {
            Name = nodeName,
            NamespaceProperty = NodeLeaseNamespace,
            // As the kubelet does: the lease goes with its node.
            OwnerReferences = new List<V1OwnerReference>
            {
                new() { ApiVersion = "v1", Kind = "Node", Name = nodeName, Uid = nodeUid },
            },
        },
        Spec = new V1LeaseSpec { HolderIdentity = nodeName, LeaseDurationSeconds = leaseDurationSeconds, RenewTime = now },
    };

    private static V1NodeCondition Condition(string type, string status, string reason, string message, DateTime now) => new()
    {
        Type = type, Status = status, Reason = reason, Message = message, LastHeartbeatTime = now, LastTransitionTime = now,
    };

    /// <summary>The host's kernel, which the simulated containers would share.</summary>
    private static string KernelVersion()
    {
        try { return File.ReadAllText("/proc/sys/kernel/osrelease").Trim(); }
        catch (IOException) { return Environment.OSVersion.Version.ToString(); }
        catch (UnauthorizedAccessException) { return Environment.OSVersion.Version.ToString(); }
    }

    private static string StableHex(string seed, int length) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(seed))).ToLowerInvariant()[..length];

    private static string StableGuid(string seed) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(seed))[..16]).ToString();
}
