using k8s;
using k8s.Models;
using K8sPS.Engine.Connection;

namespace K8sPS.Engine.Resources;

/// <summary>DaemonSets (apps/v1).</summary>
public static class DaemonSetOperations
{
    public static Task<V1DaemonSet> GetAsync(K8sConnection c, string ns, string name, CancellationToken ct = default)
        => c.Client.AppsV1.ReadNamespacedDaemonSetAsync(name, ns, cancellationToken: ct);

    /// <summary>The daemon sets of <paramref name="ns"/>, or of every namespace when it is null.</summary>
    public static IAsyncEnumerable<V1DaemonSet> ListAsync(K8sConnection c, string? ns, string? labelSelector = null, string? fieldSelector = null, CancellationToken ct = default)
        => ns is null
            ? Paging.All<V1DaemonSet, V1DaemonSetList>(next => c.Client.AppsV1.ListDaemonSetForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct)
            : Paging.All<V1DaemonSet, V1DaemonSetList>(next => c.Client.AppsV1.ListNamespacedDaemonSetAsync(ns, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct);
}
