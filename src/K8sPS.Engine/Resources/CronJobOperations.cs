using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using K8sPS.Engine.Api;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Resources;

/// <summary>
/// CronJobs in the version the server serves: batch/v1beta1 on Kubernetes 1.20 (batch/v1 from 1.21), found by
/// discovery. Read as the client's V1CronJob model (the two versions share these fields); the object keeps the
/// apiVersion the server gave it.
/// </summary>
public static class CronJobOperations
{
    public static async Task<V1CronJob> GetAsync(K8sConnection c, string ns, string name, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        var client = new ResourceClient(c.Rest);
        var resource = await client.ResolveAsync("cronjobs", ct).ConfigureAwait(false);
        var obj = await client.GetAsync(resource, ns, name, ct).ConfigureAwait(false)
            ?? throw new K8sException(ResourceClient.NotFound(resource, name, ns));
        return KubernetesJson.Deserialize<V1CronJob>(obj.ToJsonString());
    }

    /// <summary>The CronJobs of <paramref name="ns"/>, or of every namespace when it is null.</summary>
    public static async IAsyncEnumerable<V1CronJob> ListAsync(K8sConnection c, string? ns, string? labelSelector = null, string? fieldSelector = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        var client = new ResourceClient(c.Rest);
        var resource = await client.ResolveAsync("cronjobs", ct).ConfigureAwait(false);
        await foreach (var obj in client.ListAsync(resource, ns, labelSelector, fieldSelector, ct).ConfigureAwait(false))
            yield return KubernetesJson.Deserialize<V1CronJob>(obj.ToJsonString());
    }
}
