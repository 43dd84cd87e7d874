using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace K8sPS.Engine.Networking;

/// <summary>
/// Reads what the cluster DNS answers from (<see cref="ClusterDnsData"/>): services, endpoints and pods of every
/// namespace, as CoreDNS watches them, and the namespaces that exist. A user who may not list them cluster-wide gets
/// those of <c>fallbackNamespace</c> only, which answers every name of that namespace.
/// </summary>
public static class ClusterDnsReader
{
    public static async Task<ClusterDnsData> ReadAsync(IKubernetes client, string fallbackNamespace, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            var services = client.CoreV1.ListServiceForAllNamespacesAsync(cancellationToken: ct);
            var endpoints = client.CoreV1.ListEndpointsForAllNamespacesAsync(cancellationToken: ct);
            var pods = client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: ct);
            var namespaces = client.CoreV1.ListNamespaceAsync(cancellationToken: ct);
            await Task.WhenAll(services, endpoints, pods, namespaces).ConfigureAwait(false);
            return new ClusterDnsData
            {
                Services = services.Result.Items.ToList(),
                Endpoints = endpoints.Result.Items.ToList(),
                Pods = pods.Result.Items.ToList(),
                Namespaces = namespaces.Result.Items.Select(n => n.Metadata.Name).ToList(),
            };
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Forbidden)
        {
            var ns = fallbackNamespace;
            var services = client.CoreV1.ListNamespacedServiceAsync(ns, cancellationToken: ct);
            var endpoints = client.CoreV1.ListNamespacedEndpointsAsync(ns, cancellationToken: ct);
            var pods = client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: ct);
            await Task.WhenAll(services, endpoints, pods).ConfigureAwait(false);
            return new ClusterDnsData
            {
                Services = services.Result.Items.Select(s => InNamespace(s, ns)).ToList(),
                Endpoints = endpoints.Result.Items.Select(s => InNamespace(s, ns)).ToList(),
                Pods = pods.Result.Items.Select(s => InNamespace(s, ns)).ToList(),
                Namespaces = null,
            };
        }
    }

    private static T InNamespace<T>(T o, string ns) where T : IMetadata<V1ObjectMeta>
    {
        o.Metadata.NamespaceProperty ??= ns;
        return o;
    }
}
