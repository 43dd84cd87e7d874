using k8s;
using k8s.Models;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Generators;

namespace K8sPS.Engine.Resources;

/// <summary>
/// Secrets (v1). What these return holds values: callers show a <see cref="Secrets.SecretView"/> of it, never the
/// object itself.
/// </summary>
public static class SecretOperations
{
    public static Task<V1Secret> CreateAsync(K8sConnection c, string ns, V1Secret body, bool dryRun = false, CancellationToken ct = default)
        => c.Client.CoreV1.CreateNamespacedSecretAsync(body, ns, dryRun: DryRun.Of(dryRun), fieldManager: FieldManagers.Create, cancellationToken: ct);

    public static Task<V1Secret> GetAsync(K8sConnection c, string ns, string name, CancellationToken ct = default)
        => c.Client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: ct);

    /// <summary>The secret, or null when there is none (any other failure is thrown).</summary>
    public static Task<V1Secret?> FindAsync(K8sConnection c, string ns, string name, CancellationToken ct = default)
        => TypedCalls.OrNullAsync(() => GetAsync(c, ns, name, ct));

    public static IAsyncEnumerable<V1Secret> ListAsync(K8sConnection c, string? ns, string? labelSelector = null, string? fieldSelector = null, CancellationToken ct = default)
        => ns is null
            ? Paging.All<V1Secret, V1SecretList>(next => c.Client.CoreV1.ListSecretForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct)
            : Paging.All<V1Secret, V1SecretList>(next => c.Client.CoreV1.ListNamespacedSecretAsync(ns, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct);

    /// <summary>
    /// Creates <paramref name="generated"/>, or when it exists replaces its content as <see cref="CreateOrReplace.Secret"/>
    /// says (kubectl create --dry-run=client -o yaml | kubectl apply -f -). A concurrent change is retried on the new version.
    /// </summary>
    public static Task<ReplaceResult<V1Secret>> CreateOrReplaceAsync(K8sConnection c, string ns, V1Secret generated, bool dryRun = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(generated);
        return TypedCalls.CreateOrReplaceAsync(() => FindAsync(c, ns, generated.Metadata.Name, ct), () => CreateAsync(c, ns, generated, dryRun, ct),
            existing => c.Client.CoreV1.ReplaceNamespacedSecretAsync(CreateOrReplace.Secret(existing, generated), generated.Metadata.Name, ns,
                dryRun: DryRun.Of(dryRun), fieldManager: FieldManagers.Create, cancellationToken: ct));
    }
}
