using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using K8sPS.LocalCluster.Simulator;

namespace K8sPS.LocalCluster.Metrics;

/// <summary>
/// The pods and nodes the metrics API answers from, kept current by one watch of each (no polling): an
/// annotation patched on a running pod is seen within the watch's latency, well under a second here.
/// All pods are kept, bound or not, so a Get can tell "no such pod" from "no metrics for it".
/// </summary>
internal sealed class ClusterMetricsSource : IMetricsSource
{
    private readonly IKubernetes _client;
    private readonly string _clusterName;
    private readonly ConcurrentDictionary<string, V1Pod> _pods = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, V1Node> _nodes = new(StringComparer.Ordinal);
    private readonly ListWatcher<V1Pod> _podWatcher;
    private readonly ListWatcher<V1Node> _nodeWatcher;

    /// <param name="clusterName">Nodes whose <see cref="NodeObjectFactory.SimulatedByAnnotation"/> names this cluster are simulated.</param>
    public ClusterMetricsSource(IKubernetes client, string clusterName, Action<string>? log)
    {
        _client = client;
        _clusterName = clusterName;
        _podWatcher = new ListWatcher<V1Pod>("metrics pods",
            async (token, ct) =>
            {
                var list = await _client.CoreV1.ListPodForAllNamespacesAsync(limit: 500, continueParameter: token, cancellationToken: ct).ConfigureAwait(false);
                return (list.Items, list.Metadata.ResourceVersion, list.Metadata.ContinueProperty);
            },
            (rv, onError, ct) => _client.CoreV1.WatchListPodForAllNamespacesAsync(
                allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: 300 + Random.Shared.Next(0, 60), onError: onError, cancellationToken: ct),
            (items, _) => Replace(_pods, items, PodKey),
            (type, pod, _) => Apply(_pods, type, pod, PodKey),
            log);
        _nodeWatcher = new ListWatcher<V1Node>("metrics nodes",
            async (token, ct) =>
            {
                var list = await _client.CoreV1.ListNodeAsync(limit: 500, continueParameter: token, cancellationToken: ct).ConfigureAwait(false);
                return (list.Items, list.Metadata.ResourceVersion, list.Metadata.ContinueProperty);
            },
            (rv, onError, ct) => _client.CoreV1.WatchListNodeAsync(
                allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: 300 + Random.Shared.Next(0, 60), onError: onError, cancellationToken: ct),
            (items, _) => Replace(_nodes, items, n => n.Metadata.Name),
            (type, node, _) => Apply(_nodes, type, node, n => n.Metadata.Name),
            log);
    }

    /// <summary>Completes once both first lists are in.</summary>
    public Task Synced => Task.WhenAll(_podWatcher.Synced, _nodeWatcher.Synced);

    public Task RunAsync(CancellationToken ct) => Task.WhenAll(_podWatcher.RunAsync(ct), _nodeWatcher.RunAsync(ct));

    public IEnumerable<V1Pod> Pods(string? namespaceName) =>
        namespaceName is null ? _pods.Values : _pods.Values.Where(p => p.Metadata.NamespaceProperty == namespaceName);

    public V1Pod? Pod(string namespaceName, string name) => _pods.TryGetValue(namespaceName + "/" + name, out var pod) ? pod : null;

    public IEnumerable<V1Node> Nodes() => _nodes.Values;

    public V1Node? Node(string name) => _nodes.TryGetValue(name, out var node) ? node : null;

    public bool IsSimulated(V1Node node) =>
        node.Metadata?.Annotations?.TryGetValue(NodeObjectFactory.SimulatedByAnnotation, out var owner) == true && owner == _clusterName;

    private static string PodKey(V1Pod pod) => pod.Metadata.NamespaceProperty + "/" + pod.Metadata.Name;

    private static Task Replace<T>(ConcurrentDictionary<string, T> cache, IReadOnlyList<T> items, Func<T, string> key)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var k = key(item);
            listed.Add(k);
            cache[k] = item;
        }
        foreach (var stale in cache.Keys.Where(k => !listed.Contains(k)).ToList()) cache.TryRemove(stale, out _);
        return Task.CompletedTask;
    }

    private static Task Apply<T>(ConcurrentDictionary<string, T> cache, WatchEventType type, T item, Func<T, string> key)
    {
        if (type == WatchEventType.Deleted) cache.TryRemove(key(item), out _);
        else cache[key(item)] = item;
        return Task.CompletedTask;
    }
}
