using k8s;
using k8s.Models;
using K8sPS.Engine.Connection;

namespace K8sPS.Engine.Resources;

/// <summary>ReplicaSets (apps/v1).</summary>
public static class ReplicaSetOperations
{
    public static Task<V1ReplicaSet> GetAsync(K8sConnection c, string ns, string name, CancellationToken ct = default)
        => c.Client.AppsV1.ReadNamespacedReplicaSetAsync(name, ns, cancellationToken: ct);

    /// <summary>The replica sets of <paramref name="ns"/>, or of every namespace when it is null.</summary>
    public static IAsyncEnumerable<V1ReplicaSet> ListAsync(K8sConnection c, string? ns, string? labelSelector = null, string? fieldSelector = null, CancellationToken ct = default)
        => ns is null
            ? Paging.All<V1ReplicaSet, V1ReplicaSetList>(next => c.Client.AppsV1.ListReplicaSetForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct)
            : Paging.All<V1ReplicaSet, V1ReplicaSetList>(next => c.Client.AppsV1.ListNamespacedReplicaSetAsync(ns, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct);
}
