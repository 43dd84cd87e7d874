using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using K8sPS.Engine.Connection;

namespace K8sPS.Engine.Resources;

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
