using System.Collections;
using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Display;

namespace K8sPS.Formatting;

/// <summary>
/// Getters behind the node properties of K8sPS.Nodes.types.ps1xml: kubectl get nodes -o wide's columns, and the
/// node's labels' neighbours a user filters on (taints, capacity, allocatable, conditions), over the Engine's KindColumns.
/// </summary>
public static class K8sNodeColumns
{
    public static string? InternalIP(PSObject o) => Base(o) is { } n ? KindColumns.NodeAddress(n, "InternalIP") : null;
    public static string? ExternalIP(PSObject o) => Base(o) is { } n ? KindColumns.NodeAddress(n, "ExternalIP") : null;
    public static string? OSImage(PSObject o) => Base(o) is { } n ? KindColumns.NodeInfo(n.Status?.NodeInfo?.OsImage) : null;
    public static string? KernelVersion(PSObject o) => Base(o) is { } n ? KindColumns.NodeInfo(n.Status?.NodeInfo?.KernelVersion) : null;
    public static string? ContainerRuntime(PSObject o) => Base(o) is { } n ? KindColumns.NodeInfo(n.Status?.NodeInfo?.ContainerRuntimeVersion) : null;

    // Lists are returned as object[]: a getter whose signature named a client type would fail when the types file
    // loads, before the module's dependency resolver can find KubernetesClient.

    /// <summary>spec.taints (V1Taint objects): empty when the node has none.</summary>
    public static object[] Taints(PSObject o) => Base(o)?.Spec?.Taints?.ToArray<object>() ?? [];

    /// <summary>True when cordoned (spec.unschedulable).</summary>
    public static bool Unschedulable(PSObject o) => Base(o)?.Spec?.Unschedulable ?? false;

    /// <summary>status.capacity as name to quantity text (cpu = 4, memory = 8Gi, pods = 110).</summary>
    public static Hashtable Capacity(PSObject o) => Quantities(Base(o)?.Status?.Capacity);

    /// <summary>status.allocatable: what pods may request, as name to quantity text.</summary>
    public static Hashtable Allocatable(PSObject o) => Quantities(Base(o)?.Status?.Allocatable);

    /// <summary>status.conditions: Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable.</summary>
    public static object[] Conditions(PSObject o) => Base(o)?.Status?.Conditions?.ToArray<object>() ?? [];

    /// <summary>An affinity (New-K8sAffinity output) as the YAML of a pod's spec.affinity, to read it or compare it.</summary>
    public static string? AffinityYaml(PSObject o) => o?.BaseObject is V1Affinity a ? k8s.KubernetesYaml.Serialize(a).TrimEnd() : null;

    private static Hashtable Quantities(IDictionary<string, ResourceQuantity>? quantities)
    {
        var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, q) in quantities ?? new Dictionary<string, ResourceQuantity>()) table[name] = q?.ToString();
        return table;
    }

    private static V1Node? Base(PSObject? instance) => instance?.BaseObject as V1Node;
}
