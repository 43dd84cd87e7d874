using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using K8sPS.Engine.Connection;

namespace K8sPS.Engine.Resources;

/// <summary>Pods (v1).</summary>
public static class PodOperations
{
    public static Task<V1Pod> GetAsync(K8sConnection c, string ns, string name, CancellationToken ct = default)
        => c.Client.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: ct);

    public static IAsyncEnumerable<V1Pod> ListAsync(K8sConnection c, string? ns, string? labelSelector = null, string? fieldSelector = null, CancellationToken ct = default)
        => ns is null
            ? Paging.All<V1Pod, V1PodList>(next => c.Client.CoreV1.ListPodForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct)
            : Paging.All<V1Pod, V1PodList>(next => c.Client.CoreV1.ListNamespacedPodAsync(ns, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: Paging.PageSize, cancellationToken: ct), ct);

    /// <summary>
    /// Graceful delete, as kubectl: the pod goes Terminating and the kubelet (or simulator) finishes it. DeleteOptions
    /// go in the body, as kubectl sends them (a DELETE with a body is never re-sent by the HTTP handler out of the retry policy's sight).
    /// </summary>
    public static Task DeleteAsync(K8sConnection c, string ns, string name, int? gracePeriodSeconds = null, bool dryRun = false, CancellationToken ct = default)
        => c.Client.CoreV1.DeleteNamespacedPodAsync(name, ns, new V1DeleteOptions { PropagationPolicy = "Background", GracePeriodSeconds = gracePeriodSeconds },
            dryRun: DryRun.Of(dryRun), cancellationToken: ct);
}
