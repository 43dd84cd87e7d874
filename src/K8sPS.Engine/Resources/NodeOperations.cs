using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using K8sPS.Engine.Connection;

namespace K8sPS.Engine.Resources;

/// <summary>Nodes (v1, cluster-scoped).</summary>
public static class NodeOperations
{
    public static Task<V1Node> GetAsync(K8sConnection c, string name, CancellationToken ct = default)
        => c.Client.CoreV1.ReadNodeAsync(name, cancellationToken: ct);

    public static IAsyncEnumerable<V1Node> ListAsync(K8sConnection c, string? labelSelector = null, string? fieldSelector = null, CancellationToken ct = default)
        => Paging.All<V1Node, V1NodeList>(next => c.Client.CoreV1.ListNodeAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct);

    /// <summary>Sends a patch (labels, taints, cordon) as kubectl sends it; the node as the server has it afterwards.</summary>
    public static Task<V1Node> PatchAsync(K8sConnection c, string name, V1Patch patch, CancellationToken ct = default)
        => c.Client.CoreV1.PatchNodeAsync(patch, name, fieldManager: FieldManagers.Create, cancellationToken: ct);
}
