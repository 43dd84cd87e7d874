using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Generators;

namespace K8sPS.Engine.Resources;

/// <summary>Field manager names the server records in managedFields for what K8sPS writes.</summary>
public static class FieldManagers
{
    public const string Create = "k8sps";
}

/// <summary>The API's dryRun query value: "All" is the only one it accepts; null sends none.</summary>
internal static class DryRun
{
    public static string? Of(bool dryRun) => dryRun ? "All" : null;
}

/// <summary>
/// Lists are read a page at a time and streamed, so the first objects reach the pipeline before the
/// last page is fetched and memory stays flat on big clusters.
/// </summary>
internal static class Paging
{
    public const int PageSize = 500;

    public static async IAsyncEnumerable<T> All<T, TList>(Func<string?, Task<TList>> page, [EnumeratorCancellation] CancellationToken ct = default)
        where TList : IItems<T>, IMetadata<V1ListMeta>
    {
        // List items come without kind/apiVersion on the wire; fill them so each object stands alone
        // (round-trips to YAML, says what it is).
        var entity = typeof(T).GetCustomAttributes(typeof(KubernetesEntityAttribute), false).OfType<KubernetesEntityAttribute>().FirstOrDefault();
        var apiVersion = entity is null ? null : string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";
        string? next = null;
        do
        {
            ct.ThrowIfCancellationRequested();
            var list = await page(next).ConfigureAwait(false);
            foreach (var item in list.Items ?? [])
            {
                if (entity is not null && item is IKubernetesObject typed)
                {
                    typed.Kind ??= entity.Kind;
                    typed.ApiVersion ??= apiVersion;
                }
                yield return item;
            }
            next = list.Metadata?.ContinueProperty;
        } while (!string.IsNullOrEmpty(next));
    }
}

/// <summary>Deployments (apps/v1).</summary>
public static class DeploymentOperations
{
    public static Task<V1Deployment> CreateAsync(K8sConnection c, string ns, V1Deployment body, bool dryRun = false, CancellationToken ct = default)
        => c.Client.AppsV1.CreateNamespacedDeploymentAsync(body, ns, dryRun: DryRun.Of(dryRun), fieldManager: FieldManagers.Create, cancellationToken: ct);

    public static Task<V1Deployment> GetAsync(K8sConnection c, string ns, string name, CancellationToken ct = default)
        => c.Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: ct);

    /// <summary>Deployments of <paramref name="ns"/>, or of every namespace when it is null.</summary>
    public static IAsyncEnumerable<V1Deployment> ListAsync(K8sConnection c, string? ns, string? labelSelector = null, string? fieldSelector = null, CancellationToken ct = default)
        => ns is null
            ? Paging.All<V1Deployment, V1DeploymentList>(next => c.Client.AppsV1.ListDeploymentForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct)
            : Paging.All<V1Deployment, V1DeploymentList>(next => c.Client.AppsV1.ListNamespacedDeploymentAsync(ns, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct);

    /// <summary>Deletes as kubectl does: the ReplicaSets and pods are removed by the garbage collector in the background.</summary>
    public static Task DeleteAsync(K8sConnection c, string ns, string name, bool dryRun = false, CancellationToken ct = default)
        => c.Client.AppsV1.DeleteNamespacedDeploymentAsync(name, ns, new V1DeleteOptions { PropagationPolicy = "Background" }, dryRun: DryRun.Of(dryRun), cancellationToken: ct);
}

/// <summary>Pods (v1).</summary>
public static class PodOperations
{
    public static Task<V1Pod> GetAsync(K8sConnection c, string ns, string name, CancellationToken ct = default)
        => c.Client.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: ct);

    public static IAsyncEnumerable<V1Pod> ListAsync(K8sConnection c, string? ns, string? labelSelector = null, string? fieldSelector = null, CancellationToken ct = default)
        => ns is null
            ? Paging.All<V1Pod, V1PodList>(next => c.Client.CoreV1.ListPodForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct)
            : Paging.All<V1Pod, V1PodList>(next => c.Client.CoreV1.ListNamespacedPodAsync(ns, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct);

    /// <summary>Graceful delete, as kubectl: the pod goes Terminating and the kubelet (or simulator) finishes it.</summary>
    public static Task DeleteAsync(K8sConnection c, string ns, string name, int? gracePeriodSeconds = null, bool dryRun = false, CancellationToken ct = default)
        => c.Client.CoreV1.DeleteNamespacedPodAsync(name, ns, gracePeriodSeconds: gracePeriodSeconds, dryRun: DryRun.Of(dryRun), cancellationToken: ct);
}

/// <summary>Services (v1).</summary>
public static class ServiceOperations
{
    public static Task<V1Service> CreateAsync(K8sConnection c, string ns, V1Service body, bool dryRun = false, CancellationToken ct = default)
        => c.Client.CoreV1.CreateNamespacedServiceAsync(body, ns, dryRun: DryRun.Of(dryRun), fieldManager: FieldManagers.Create, cancellationToken: ct);

    public static Task<V1Service> GetAsync(K8sConnection c, string ns, string name, CancellationToken ct = default)
        => c.Client.CoreV1.ReadNamespacedServiceAsync(name, ns, cancellationToken: ct);

    public static IAsyncEnumerable<V1Service> ListAsync(K8sConnection c, string? ns, string? labelSelector = null, string? fieldSelector = null, CancellationToken ct = default)
        => ns is null
            ? Paging.All<V1Service, V1ServiceList>(next => c.Client.CoreV1.ListServiceForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct)
            : Paging.All<V1Service, V1ServiceList>(next => c.Client.CoreV1.ListNamespacedServiceAsync(ns, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct);

    public static Task DeleteAsync(K8sConnection c, string ns, string name, bool dryRun = false, CancellationToken ct = default)
        => IgnoreBody(c.Client.CoreV1.DeleteNamespacedServiceAsync(name, ns, dryRun: DryRun.Of(dryRun), cancellationToken: ct));

    /// <summary>
    /// Awaits a delete whose answer we do not use. Servers before 1.23 answer a service delete with a
    /// Status, not the Service the client expects: the delete succeeded (errors come as HTTP codes),
    /// only the body does not parse, so that is not a failure.
    /// </summary>
    private static async Task IgnoreBody(Task call)
    {
        try { await call.ConfigureAwait(false); }
        catch (System.Text.Json.JsonException) { }
    }

    /// <summary>Creates the service `kubectl expose deployment` would create for <paramref name="deployment"/>.</summary>
    public static async Task<V1Service> ExposeAsync(K8sConnection c, string ns, string deployment, ServiceRequest request, bool dryRun = false, CancellationToken ct = default)
    {
        // Read from the server, as kubectl does, so a stale or hand-made input object cannot mislead the selector.
        var source = await DeploymentOperations.GetAsync(c, ns, deployment, ct).ConfigureAwait(false);
        var body = ServiceGenerator.FromDeployment(source, request);
        return await CreateAsync(c, ns, body, dryRun, ct).ConfigureAwait(false);
    }
}

/// <summary>Nodes (v1, cluster-scoped).</summary>
public static class NodeOperations
{
    public static IAsyncEnumerable<V1Node> ListAsync(K8sConnection c, string? labelSelector = null, CancellationToken ct = default)
        => Paging.All<V1Node, V1NodeList>(next => c.Client.CoreV1.ListNodeAsync(continueParameter: next, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct);
}
