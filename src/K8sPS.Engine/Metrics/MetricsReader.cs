using k8s;
using k8s.Models;
using K8sPS.Engine.Api;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Metrics;

/// <summary>
/// What `kubectl top` reads, through the connection's REST path: pod and node metrics from metrics.k8s.io (only
/// once discovery says the server serves it, else kubectl's "Metrics API not available"), and the nodes and pods
/// kubectl reads beside them (percentages of allocatable, why a pod has no metrics yet).
/// </summary>
public sealed class MetricsReader
{
    public const string GroupVersion = MetricsAvailability.Group + "/v1beta1";
    private const string Root = "/apis/" + GroupVersion;

    private readonly KubeRest _rest;

    public MetricsReader(KubeRest rest)
    {
        ArgumentNullException.ThrowIfNull(rest);
        _rest = rest;
    }

    /// <summary>True when discovery (cached, refreshed when asked) lists metrics.k8s.io/v1beta1 with its pods resource.</summary>
    public async Task<bool> IsServedAsync(CancellationToken ct, bool refresh = false)
    {
        var catalog = await ApiCatalog.GetAsync(_rest, ct, refresh).ConfigureAwait(false);
        return catalog.Find(GroupVersion, "PodMetrics") is not null;
    }

    /// <summary>Throws kubectl's "Metrics API not available" unless the server serves the API (asked again once, as it may have registered since).</summary>
    public async Task EnsureServedAsync(CancellationToken ct)
    {
        if (await IsServedAsync(ct).ConfigureAwait(false) || await IsServedAsync(ct, refresh: true).ConfigureAwait(false)) return;
        throw new K8sException(MetricsAvailability.NotAvailable());
    }

    /// <summary>Pod metrics of a namespace (null: all namespaces), or of one pod by name, optionally by label selector.</summary>
    public async Task<IReadOnlyList<PodMetrics>> PodsAsync(string? ns, string? name, string? labelSelector, CancellationToken ct)
    {
        await EnsureServedAsync(ct).ConfigureAwait(false);
        var collection = ns is null ? $"{Root}/pods" : $"{Root}/namespaces/{Uri.EscapeDataString(ns)}/pods";
        if (name is not null)
            return [KubernetesJson.Deserialize<PodMetrics>(await ReadAsync($"{collection}/{Uri.EscapeDataString(name)}", "PodMetrics", name, ns, ct).ConfigureAwait(false))];
        var body = await ReadAsync(collection + Selector(labelSelector), "PodMetrics", null, ns, ct).ConfigureAwait(false);
        return KubernetesJson.Deserialize<PodMetricsList>(body).Items?.ToList() ?? [];
    }

    /// <summary>Node metrics, of one node by name or of all nodes, optionally by label selector.</summary>
    public async Task<IReadOnlyList<NodeMetrics>> NodesAsync(string? name, string? labelSelector, CancellationToken ct)
    {
        await EnsureServedAsync(ct).ConfigureAwait(false);
        if (name is not null)
            return [KubernetesJson.Deserialize<NodeMetrics>(await ReadAsync($"{Root}/nodes/{Uri.EscapeDataString(name)}", "NodeMetrics", name, null, ct).ConfigureAwait(false))];
        var body = await ReadAsync($"{Root}/nodes" + Selector(labelSelector), "NodeMetrics", null, null, ct).ConfigureAwait(false);
        return KubernetesJson.Deserialize<NodeMetricsList>(body).Items?.ToList() ?? [];
    }

    /// <summary>The nodes kubectl top node lists beside the metrics (for allocatable and capacity): one by name, or all by selector.</summary>
    public async Task<IReadOnlyList<V1Node>> NodeObjectsAsync(string? name, string? labelSelector, CancellationToken ct)
    {
        if (name is not null)
        {
            var one = await _rest.GetAsync($"/api/v1/nodes/{Uri.EscapeDataString(name)}", ct).ConfigureAwait(false);
            if (!one.IsSuccess) throw new K8sException(ErrorMapper.FromStatus(one.StatusCode, one.Body, "Node", name));
            return [KubernetesJson.Deserialize<V1Node>(one.Body)];
        }
        var nodes = new List<V1Node>();
        string? next = null;
        do
        {
            var query = "?limit=500" + (string.IsNullOrEmpty(labelSelector) ? "" : "&labelSelector=" + Uri.EscapeDataString(labelSelector))
                + (next is null ? "" : "&continue=" + Uri.EscapeDataString(next));
            var page = await _rest.GetAsync("/api/v1/nodes" + query, ct).ConfigureAwait(false);
            if (!page.IsSuccess) throw new K8sException(ErrorMapper.FromStatus(page.StatusCode, page.Body, "Node"));
            var list = KubernetesJson.Deserialize<V1NodeList>(page.Body);
            nodes.AddRange(list.Items ?? []);
            next = list.Metadata?.ContinueProperty;
        } while (!string.IsNullOrEmpty(next));
        return nodes;
    }

    /// <summary>
    /// Why the metrics API had no pods for a namespace (null: all) and selector: null when there are no such pods
    /// either (nothing to show, as kubectl's "No resources found"), else the error kubectl gives
    /// (<see cref="MetricsAvailability.ExplainNoPodMetrics"/>).
    /// </summary>
    public async Task<K8sError?> ExplainNoPodMetricsAsync(string? ns, string? labelSelector, DateTime nowUtc, CancellationToken ct)
    {
        var path = (ns is null ? "/api/v1/pods" : $"/api/v1/namespaces/{Uri.EscapeDataString(ns)}/pods")
            + "?limit=500" + (string.IsNullOrEmpty(labelSelector) ? "" : "&labelSelector=" + Uri.EscapeDataString(labelSelector));
        var r = await _rest.GetAsync(path, ct).ConfigureAwait(false);
        if (!r.IsSuccess) throw new K8sException(ErrorMapper.FromStatus(r.StatusCode, r.Body, "Pod", null, ns));
        return MetricsAvailability.ExplainNoPodMetrics(KubernetesJson.Deserialize<V1PodList>(r.Body).Items ?? [], nowUtc);
    }

    private static string Selector(string? labelSelector) =>
        string.IsNullOrEmpty(labelSelector) ? "" : "?labelSelector=" + Uri.EscapeDataString(labelSelector);

    /// <summary>
    /// One GET of the metrics API. A 404 or 503 that names no object means the API itself went away (its APIService
    /// deleted or unavailable since discovery was cached): asked again, that is "Metrics API not available".
    /// </summary>
    private async Task<string> ReadAsync(string path, string kind, string? name, string? ns, CancellationToken ct)
    {
        var r = await _rest.GetAsync(path, ct).ConfigureAwait(false);
        if (r.IsSuccess) return r.Body;
        var error = ErrorMapper.FromStatus(r.StatusCode, r.Body, kind, name, ns);
        var namesNoObject = r.StatusCode == 503 || (r.StatusCode == 404 && !ServerNamedAnObject(r.Body));
        if (namesNoObject && !await IsServedAsync(ct, refresh: true).ConfigureAwait(false))
            throw new K8sException(MetricsAvailability.NotAvailable());
        throw new K8sException(error);
    }

    // An object's 404 carries details.name ("pods \"x\" not found"); a path the server does not serve carries none.
    private static bool ServerNamedAnObject(string body) =>
        ErrorMapper.FromStatus(404, body) is { Name: { Length: > 0 } };
}
