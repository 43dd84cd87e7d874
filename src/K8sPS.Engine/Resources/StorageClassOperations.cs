using k8s;
using k8s.Models;
using K8sPS.Engine.Connection;

namespace K8sPS.Engine.Resources;

/// <summary>StorageClasses (storage.k8s.io/v1, cluster-scoped).</summary>
public static class StorageClassOperations
{
    public static Task<V1StorageClass> GetAsync(K8sConnection c, string name, CancellationToken ct = default)
        => c.Client.StorageV1.ReadStorageClassAsync(name, cancellationToken: ct);

    public static IAsyncEnumerable<V1StorageClass> ListAsync(K8sConnection c, string? labelSelector = null, string? fieldSelector = null, CancellationToken ct = default)
        => Paging.All<V1StorageClass, V1StorageClassList>(next => c.Client.StorageV1.ListStorageClassAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct);
}
