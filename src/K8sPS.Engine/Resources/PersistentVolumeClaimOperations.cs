using k8s;
using k8s.Models;
using K8sPS.Engine.Connection;

namespace K8sPS.Engine.Resources;

/// <summary>PersistentVolumeClaims (v1).</summary>
public static class PersistentVolumeClaimOperations
{
    public static Task<V1PersistentVolumeClaim> GetAsync(K8sConnection c, string ns, string name, CancellationToken ct = default)
        => c.Client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(name, ns, cancellationToken: ct);

    /// <summary>The claims of <paramref name="ns"/>, or of every namespace when it is null.</summary>
    public static IAsyncEnumerable<V1PersistentVolumeClaim> ListAsync(K8sConnection c, string? ns, string? labelSelector = null, string? fieldSelector = null, CancellationToken ct = default)
        => ns is null
            ? Paging.All<V1PersistentVolumeClaim, V1PersistentVolumeClaimList>(next => c.Client.CoreV1.ListPersistentVolumeClaimForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct)
            : Paging.All<V1PersistentVolumeClaim, V1PersistentVolumeClaimList>(next => c.Client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(ns, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct);
}
