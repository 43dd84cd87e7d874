using k8s;
using k8s.Models;
using K8sPS.Engine.Connection;

namespace K8sPS.Engine.Resources;

/// <summary>PersistentVolumes (v1, cluster-scoped).</summary>
public static class PersistentVolumeOperations
{
    public static Task<V1PersistentVolume> GetAsync(K8sConnection c, string name, CancellationToken ct = default)
        => c.Client.CoreV1.ReadPersistentVolumeAsync(name, cancellationToken: ct);

    public static IAsyncEnumerable<V1PersistentVolume> ListAsync(K8sConnection c, string? labelSelector = null, string? fieldSelector = null, CancellationToken ct = default)
        => Paging.All<V1PersistentVolume, V1PersistentVolumeList>(next => c.Client.CoreV1.ListPersistentVolumeAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct);
}
