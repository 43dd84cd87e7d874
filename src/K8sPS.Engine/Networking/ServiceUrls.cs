using System.Globalization;
using k8s.Models;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;
using K8sPS.Engine.LocalCluster;
using K8sPS.Engine.Resources;

namespace K8sPS.Engine.Networking;

/// <summary>
/// What `minikube service --url` prints: http://&lt;node address&gt;:&lt;nodePort&gt; for each port of the
/// service that has a node port. The node is the first Ready node by name (minikube's is its only node).
/// </summary>
public static class ServiceUrls
{
    /// <summary>The URLs, and the local cluster whose simulated node they point at (null for a real node).</summary>
    public static async Task<(IReadOnlyList<string> Urls, string? SimulatedBy)> GetAsync(K8sConnection c, string ns, string name, string scheme = "http", CancellationToken ct = default)
    {
        var service = await ServiceOperations.GetAsync(c, ns, name, ct).ConfigureAwait(false);
        var nodes = new List<V1Node>();
        await foreach (var node in NodeOperations.ListAsync(c, ct: ct).ConfigureAwait(false)) nodes.Add(node);
        var urls = For(service, nodes, scheme);
        var simulated = nodes.Select(n => n.Metadata?.Annotations?.TryGetValue(SimulatorAnnotations.SimulatedBy, out var by) == true ? by : null).FirstOrDefault(by => by is not null);
        return (urls, simulated);
    }

    /// <summary>The URLs of <paramref name="service"/> given the cluster's nodes; pure, so it is tested without a cluster.</summary>
    public static IReadOnlyList<string> For(V1Service service, IEnumerable<V1Node> nodes, string scheme = "http")
    {
        ArgumentNullException.ThrowIfNull(service);
        var id = $"{service.Metadata?.NamespaceProperty}/{service.Metadata?.Name}";
        var ports = (service.Spec?.Ports ?? []).Where(p => p.NodePort is > 0).ToList();
        if (ports.Count == 0)
            throw new K8sException(new K8sError("NoNodePort", K8sErrorCategory.InvalidArgument,
                $"service {id} has no node port (its type is {service.Spec?.Type ?? "ClusterIP"}): only NodePort and LoadBalancer services have URLs.")
            {
                Kind = "Service",
                Name = service.Metadata?.Name,
                Namespace = service.Metadata?.NamespaceProperty,
                RecommendedAction = "Expose the deployment with -Type NodePort or LoadBalancer.",
            });
        var address = NodeAddress(nodes)
            ?? throw new K8sException(new K8sError("NoNodeAddress", K8sErrorCategory.NotFound,
                $"service {id} has node ports, but no node of the cluster reports an address.")
            { Kind = "Service", Name = service.Metadata?.Name, Namespace = service.Metadata?.NamespaceProperty });
        var host = address.Contains(':') ? $"[{address}]" : address; // IPv6 literal
        return ports.Select(p => $"{scheme}://{host}:{p.NodePort!.Value.ToString(CultureInfo.InvariantCulture)}").ToList();
    }

    private static string? NodeAddress(IEnumerable<V1Node> nodes)
    {
        var ordered = nodes.OrderBy(n => n.Metadata?.Name, StringComparer.Ordinal).ToList();
        var ready = ordered.Where(n => n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
        foreach (var node in ready.Concat(ordered))
        {
            var addresses = node.Status?.Addresses ?? [];
            var ip = addresses.FirstOrDefault(a => a.Type == "InternalIP") ?? addresses.FirstOrDefault(a => a.Type == "ExternalIP");
            if (!string.IsNullOrEmpty(ip?.Address)) return ip.Address;
        }
        return null;
    }
}
