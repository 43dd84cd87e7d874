using k8s;
using k8s.Models;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// Keeps <see cref="Current"/> in step with the ConfigMap kube-system/k8sps-simulator through one
/// watch (no ConfigMap: nothing is missing). Pods take the catalog as it is when the simulator first
/// sees them, as a node finds an image or not when it pulls.
/// </summary>
internal sealed class ImageCatalogWatcher
{
    private readonly IKubernetes _client;
    private readonly ListWatcher<V1ConfigMap> _watcher;
    private volatile ImageCatalog _current = ImageCatalog.Empty;
    private const string OnlyOurs = "metadata.name=" + ImageCatalog.ConfigMapName;

    public ImageCatalogWatcher(IKubernetes client, Action<string>? log)
    {
        _client = client;
        _watcher = new ListWatcher<V1ConfigMap>("image catalog", ListAsync, Watch, OnListedAsync, OnEventAsync, log);
        Log = log;
    }

    private Action<string>? Log { get; }

    public ImageCatalog Current => _current;

    public Task Synced => _watcher.Synced;

    public Task RunAsync(CancellationToken ct) => _watcher.RunAsync(ct);

    private async Task<(IList<V1ConfigMap>, string, string?)> ListAsync(string? continueToken, CancellationToken ct)
    {
        var list = await _client.CoreV1.ListNamespacedConfigMapAsync(ImageCatalog.ConfigMapNamespace, fieldSelector: OnlyOurs,
            continueParameter: continueToken, cancellationToken: ct).ConfigureAwait(false);
        return (list.Items, list.Metadata.ResourceVersion, list.Metadata.ContinueProperty);
    }

    private IAsyncEnumerable<(WatchEventType, V1ConfigMap)> Watch(string resourceVersion, Action<Exception> onError, CancellationToken ct) =>
        _client.CoreV1.WatchListNamespacedConfigMapAsync(ImageCatalog.ConfigMapNamespace, allowWatchBookmarks: true, fieldSelector: OnlyOurs,
            resourceVersion: resourceVersion, timeoutSeconds: 300 + Random.Shared.Next(0, 60), onError: onError, cancellationToken: ct);

    private Task OnListedAsync(IReadOnlyList<V1ConfigMap> maps, CancellationToken ct)
    {
        Use(maps.FirstOrDefault());
        return Task.CompletedTask;
    }

    private Task OnEventAsync(WatchEventType type, V1ConfigMap map, CancellationToken ct)
    {
        Use(type == WatchEventType.Deleted ? null : map);
        return Task.CompletedTask;
    }

    private void Use(V1ConfigMap? map)
    {
        var catalog = ImageCatalog.FromData(map?.Data);
        if (!ReferenceEquals(catalog, _current) && !(catalog.IsEmpty && _current.IsEmpty))
            Log?.Invoke($"image catalog {ImageCatalog.ConfigMapNamespace}/{ImageCatalog.ConfigMapName}: {(map is null ? "gone" : "updated")}");
        _current = catalog;
    }
}
