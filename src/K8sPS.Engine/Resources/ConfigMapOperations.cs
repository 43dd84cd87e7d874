using k8s;
using k8s.Models;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Generators;

namespace K8sPS.Engine.Resources;

/// <summary>ConfigMaps (v1).</summary>
public static class ConfigMapOperations
{
    public static Task<V1ConfigMap> CreateAsync(K8sConnection c, string ns, V1ConfigMap body, bool dryRun = false, CancellationToken ct = default)
        => c.Client.CoreV1.CreateNamespacedConfigMapAsync(body, ns, dryRun: DryRun.Of(dryRun), fieldManager: FieldManagers.Create, cancellationToken: ct);

    public static Task<V1ConfigMap> GetAsync(K8sConnection c, string ns, string name, CancellationToken ct = default)
        => c.Client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: ct);

    /// <summary>The config map, or null when there is none (any other failure is thrown).</summary>
    public static Task<V1ConfigMap?> FindAsync(K8sConnection c, string ns, string name, CancellationToken ct = default)
        => TypedCalls.OrNullAsync(() => GetAsync(c, ns, name, ct));

    public static IAsyncEnumerable<V1ConfigMap> ListAsync(K8sConnection c, string? ns, string? labelSelector = null, string? fieldSelector = null, CancellationToken ct = default)
        => ns is null
            ? Paging.All<V1ConfigMap, V1ConfigMapList>(next => c.Client.CoreV1.ListConfigMapForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct)
            : Paging.All<V1ConfigMap, V1ConfigMapList>(next => c.Client.CoreV1.ListNamespacedConfigMapAsync(ns, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct);

    /// <summary>Creates <paramref name="generated"/>, or replaces the content of the one that exists (<see cref="CreateOrReplace.ConfigMap"/>).</summary>
    public static Task<ReplaceResult<V1ConfigMap>> CreateOrReplaceAsync(K8sConnection c, string ns, V1ConfigMap generated, bool dryRun = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(generated);
        return TypedCalls.CreateOrReplaceAsync(() => FindAsync(c, ns, generated.Metadata.Name, ct), () => CreateAsync(c, ns, generated, dryRun, ct),
            existing => c.Client.CoreV1.ReplaceNamespacedConfigMapAsync(CreateOrReplace.ConfigMap(existing, generated), generated.Metadata.Name, ns,
                dryRun: DryRun.Of(dryRun), fieldManager: FieldManagers.Create, cancellationToken: ct));
    }
}
