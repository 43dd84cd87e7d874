using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace K8sPS.Engine.Kubelet;

/// <summary>
/// Reads from the cluster what the kubelet reads to start a pod's containers: the Secrets and ConfigMaps the pod
/// names (<see cref="PodReferences"/>), the services of its namespace and the kubernetes service of default (for
/// service links), and its node's allocatable resources. A missing object is null, as the kubelet sees it; a refused
/// read is an error, since the result would be wrong without it (except the node and the default namespace's
/// kubernetes service, which only some variables need).
/// </summary>
public static class PodSetupReader
{
    /// <summary>The pod <paramref name="podName"/> of <paramref name="ns"/> and its containers' setup.</summary>
    public static async Task<(V1Pod Pod, IReadOnlyList<ContainerSetup> Containers)> ReadAsync(IKubernetes client, string ns, string podName, string? containerName = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var pod = await client.CoreV1.ReadNamespacedPodAsync(podName, ns, cancellationToken: ct).ConfigureAwait(false);
        var lookups = await LookupsAsync(client, pod, includeServices: true, ct).ConfigureAwait(false);
        return (pod, PodSetup.Compute(pod, lookups, containerName));
    }

    /// <summary>The lookups for <paramref name="pod"/>; without services when only missing objects matter (the node simulator).</summary>
    public static async Task<PodLookups> LookupsAsync(IKubernetes client, V1Pod pod, bool includeServices, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(pod);
        var ns = string.IsNullOrEmpty(pod.Metadata?.NamespaceProperty) ? "default" : pod.Metadata.NamespaceProperty;
        var secretTasks = PodReferences.SecretNames(pod).ToDictionary(n => n, n => Resources.TypedCalls.OrNullAsync(() => client.CoreV1.ReadNamespacedSecretAsync(n, ns, cancellationToken: ct)), StringComparer.Ordinal);
        var configMapTasks = PodReferences.ConfigMapNames(pod).ToDictionary(n => n, n => Resources.TypedCalls.OrNullAsync(() => client.CoreV1.ReadNamespacedConfigMapAsync(n, ns, cancellationToken: ct)), StringComparer.Ordinal);
        await Task.WhenAll(secretTasks.Values.Cast<Task>().Concat(configMapTasks.Values)).ConfigureAwait(false);
        var secrets = secretTasks.ToDictionary(p => p.Key, p => p.Value.Result, StringComparer.Ordinal);
        var configMaps = configMapTasks.ToDictionary(p => p.Key, p => p.Value.Result, StringComparer.Ordinal);

        var services = new List<V1Service>();
        IDictionary<string, ResourceQuantity>? allocatable = null;
        if (includeServices)
        {
            var list = await client.CoreV1.ListNamespacedServiceAsync(ns, cancellationToken: ct).ConfigureAwait(false);
            services.AddRange(list.Items.Select(s => { s.Metadata.NamespaceProperty ??= ns; return s; }));
            if (ns != "default" && await Optional(() => client.CoreV1.ReadNamespacedServiceAsync("kubernetes", "default", cancellationToken: ct)).ConfigureAwait(false) is { } master)
                services.Add(master);
            if (!string.IsNullOrEmpty(pod.Spec?.NodeName))
                allocatable = (await Optional(() => client.CoreV1.ReadNodeAsync(pod.Spec.NodeName, cancellationToken: ct)).ConfigureAwait(false))?.Status?.Allocatable;
        }
        return new PodLookups
        {
            Secret = n => secrets.GetValueOrDefault(n),
            ConfigMap = n => configMaps.GetValueOrDefault(n),
            Services = services,
            NodeAllocatable = allocatable,
        };
    }

    // Not found or not allowed: what only a few variables need is left unknown rather than failing the whole answer.
    private static async Task<T?> Optional<T>(Func<Task<T>> read) where T : class
    {
        try { return await read().ConfigureAwait(false); }
        catch (HttpOperationException e) when (e.Response?.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden) { return null; }
    }
}
