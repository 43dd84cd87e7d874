using k8s;
using k8s.Models;
using K8sPS.Engine.Connection;

namespace K8sPS.Engine.Resources;

/// <summary>StatefulSets (apps/v1).</summary>
public static class StatefulSetOperations
{
    public static Task<V1StatefulSet> GetAsync(K8sConnection c, string ns, string name, CancellationToken ct = default)
        => c.Client.AppsV1.ReadNamespacedStatefulSetAsync(name, ns, cancellationToken: ct);

    /// <summary>The stateful sets of <paramref name="ns"/>, or of every namespace when it is null.</summary>
    public static IAsyncEnumerable<V1StatefulSet> ListAsync(K8sConnection c, string? ns, string? labelSelector = null, string? fieldSelector = null, CancellationToken ct = default)
        => ns is null
            ? Paging.All<V1StatefulSet, V1StatefulSetList>(next => c.Client.AppsV1.ListStatefulSetForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct)
            : Paging.All<V1StatefulSet, V1StatefulSetList>(next => c.Client.AppsV1.ListNamespacedStatefulSetAsync(ns, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct);
}
