using k8s;
using k8s.Models;
using K8sPS.Engine.Connection;

namespace K8sPS.Engine.Resources;

/// <summary>Jobs (batch/v1).</summary>
public static class JobOperations
{
    public static Task<V1Job> GetAsync(K8sConnection c, string ns, string name, CancellationToken ct = default)
        => c.Client.BatchV1.ReadNamespacedJobAsync(name, ns, cancellationToken: ct);

    /// <summary>The jobs of <paramref name="ns"/>, or of every namespace when it is null.</summary>
    public static IAsyncEnumerable<V1Job> ListAsync(K8sConnection c, string? ns, string? labelSelector = null, string? fieldSelector = null, CancellationToken ct = default)
        => ns is null
            ? Paging.All<V1Job, V1JobList>(next => c.Client.BatchV1.ListJobForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct)
            : Paging.All<V1Job, V1JobList>(next => c.Client.BatchV1.ListNamespacedJobAsync(ns, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct);
}
