using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using K8sPS.Engine.Connection;

namespace K8sPS.Engine.Resources;

/// <summary>Nodes (v1, cluster-scoped).</summary>
public static class NodeOperations
{
    public static IAsyncEnumerable<V1Node> ListAsync(K8sConnection c, string? labelSelector = null, CancellationToken ct = default)
        => Paging.All<V1Node, V1NodeList>(next => c.Client.CoreV1.ListNodeAsync(continueParameter: next, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct);
}
