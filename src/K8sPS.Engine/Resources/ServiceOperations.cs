using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Generators;

namespace K8sPS.Engine.Resources;

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

    /// <summary>With DeleteOptions in the body, as kubectl sends them (see <see cref="PodOperations.DeleteAsync"/>).</summary>
    public static Task DeleteAsync(K8sConnection c, string ns, string name, bool dryRun = false, CancellationToken ct = default)
        => IgnoreBody(c.Client.CoreV1.DeleteNamespacedServiceAsync(name, ns, new V1DeleteOptions { PropagationPolicy = "Background" }, dryRun: DryRun.Of(dryRun), cancellationToken: ct));

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
