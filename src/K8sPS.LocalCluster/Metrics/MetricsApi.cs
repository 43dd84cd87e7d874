using System.Collections.Specialized;
using System.Web;
using k8s.Models;

namespace K8sPS.LocalCluster.Metrics;

/// <summary>
/// metrics.k8s.io/v1beta1 as metrics-server serves it, over an <see cref="IMetricsSource"/>: discovery, PodMetrics
/// (one namespace, all namespaces, by name; labelSelector and fieldSelector) and NodeMetrics, get and list only.
/// Only Running pods on simulated nodes, and simulated nodes, have metrics. Every resource request is
/// authorized for the user the front proxy names (<see cref="IAccessReviewer"/>); requests the front
/// proxy did not vouch for are refused, except the health checks.
/// </summary>
internal sealed class MetricsApi
{
    private const string ApiPrefix = "/apis/" + MetricsJson.GroupVersion;

    private readonly IMetricsSource _source;
    private readonly IAccessReviewer _reviewer;
    private readonly TimeProvider _clock;
    private readonly Action<string>? _log;
    private readonly HashSet<string> _reported = [];

    public MetricsApi(IMetricsSource source, IAccessReviewer reviewer, TimeProvider? clock = null, Action<string>? log = null)
    {
        _source = source;
        _reviewer = reviewer;
        _clock = clock ?? TimeProvider.System;
        _log = log;
    }

    /// <summary>The window every sample claims to cover (metrics-server's resolution by default is about this).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    public async Task<MetricsResponse> HandleAsync(MetricsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var queryStart = request.Target.IndexOf('?', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(queryStart < 0 ? request.Target : request.Target[..queryStart]);
        var query = HttpUtility.ParseQueryString(queryStart < 0 ? "" : request.Target[(queryStart + 1)..]);
        if (path.Length > 1) path = path.TrimEnd('/');

        if (path is "/healthz" or "/livez" or "/readyz") return MetricsResponse.Text("ok");
        if (request.User is not { } user)
            return MetricsResponse.Json(MetricsJson.Status(401, "Unauthorized", "Unauthorized"), 401);
        if (request.Method != "GET")
            return MetricsResponse.Json(MetricsJson.Status(405, "MethodNotAllowed", "the server does not allow this method on the requested resource"), 405);

        switch (path)
        {
            case "/apis": return MetricsResponse.Json(MetricsJson.ApiGroupList());
            case "/apis/" + MetricsJson.Group: return MetricsResponse.Json(MetricsJson.ApiGroup());
            case ApiPrefix: return MetricsResponse.Json(MetricsJson.ResourceList());
        }
        if (!path.StartsWith(ApiPrefix + "/", StringComparison.Ordinal)) return NotFoundPath();

        var segments = path[(ApiPrefix.Length + 1)..].Split('/');
        string? ns = null;
        if (segments.Length >= 3 && segments[0] == "namespaces" && segments[2] == "pods")
        {
            ns = segments[1];
            segments = segments[2..];
        }
        if (segments.Length is < 1 or > 2 || segments[0] is not ("pods" or "nodes") || (segments[0] == "nodes" && ns is not null))
            return NotFoundPath();
        var resource = segments[0];
        var name = segments.Length == 2 ? segments[1] : null;
        var qualified = resource + "." + MetricsJson.Group;

        if (query["watch"] is "true" or "1")
            return MetricsResponse.Json(MetricsJson.Status(405, "MethodNotAllowed",
                $"watch is not supported on resources of kind \"{qualified}\"", group: MetricsJson.Group, kind: resource), 405);

        var access = new MetricsAccess(name is null ? "list" : "get", resource, ns, name);
        if (!await _reviewer.IsAllowedAsync(user, access, ct).ConfigureAwait(false))
            return Forbidden(user, access, qualified);

        var now = _clock.GetUtcNow();
        var asTable = request.Header("Accept")?.Contains("as=Table", StringComparison.Ordinal) == true;
        return resource == "pods" ? Pods(ns, name, query, now, asTable) : Nodes(name, query, now, asTable);
    }

    private MetricsResponse Pods(string? ns, string? name, NameValueCollection query, DateTimeOffset now, bool asTable)
    {
        var simulated = SimulatedNodeNames();
        if (name is not null)
        {
            var pod = _source.Pod(ns!, name);
            if (pod is null)
                return MetricsResponse.Json(MetricsJson.Status(404, "NotFound", $"pods \"{name}\" not found", name: name, kind: "pods"), 404);
            var entry = EntryFor(pod, simulated, now);
            if (entry is null)
                return MetricsResponse.Json(MetricsJson.Status(404, "NotFound", $"podmetrics.{MetricsJson.Group} \"{ns}/{name}\" not found",
                    name: $"{ns}/{name}", group: MetricsJson.Group, kind: "podmetrics"), 404);
            return asTable ? PodTable([entry], now) : MetricsResponse.Json(MetricsJson.PodMetrics(entry, now, Window));
        }
        if (!TrySelectors(query, out var labels, out var fields, out var error)) return error!;
        var entries = _source.Pods(ns)
            .Where(p => labels.Matches(p.Metadata?.Labels) && fields.Matches(p.Metadata?.Name ?? "", p.Metadata?.NamespaceProperty))
            .OrderBy(p => p.Metadata?.NamespaceProperty, StringComparer.Ordinal)
            .ThenBy(p => p.Metadata?.Name, StringComparer.Ordinal)
            .Select(p => EntryFor(p, simulated, now))
            .OfType<MetricsJson.PodEntry>()
            .ToList();
        return asTable ? PodTable(entries, now) : MetricsResponse.Json(MetricsJson.PodMetricsList(entries, now, Window));
    }

    private MetricsResponse Nodes(string? name, NameValueCollection query, DateTimeOffset now, bool asTable)
    {
        var podsByNode = _source.Pods(null)
            .Where(p => p.Spec?.NodeName is { Length: > 0 })
            .GroupBy(p => p.Spec.NodeName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        MetricsJson.NodeEntry Entry(V1Node node)
        {
            var pods = podsByNode.TryGetValue(node.Metadata.Name, out var list) ? list : [];
            var usage = SimulatedUsage.ForNode(node.Metadata.Name, pods.Select(p => SimulatedUsage.ForPod(p, now, Report)).OfType<IReadOnlyList<ContainerUsage>>(), now);
            return new MetricsJson.NodeEntry(node, usage.NanoCores, usage.MemoryBytes);
        }
        if (name is not null)
        {
            var node = _source.Node(name);
            if (node is null)
                return MetricsResponse.Json(MetricsJson.Status(404, "NotFound", $"node \"{name}\" not found", name: name, kind: "node"), 404);
            if (!_source.IsSimulated(node))
                return MetricsResponse.Json(MetricsJson.Status(404, "NotFound", $"nodemetrics.{MetricsJson.Group} \"{name}\" not found",
                    name: name, group: MetricsJson.Group, kind: "nodemetrics"), 404);
            var entry = Entry(node);
            return asTable ? NodeTable([entry], now) : MetricsResponse.Json(MetricsJson.NodeMetrics(entry, now, Window));
        }
        if (!TrySelectors(query, out var labels, out var fields, out var error)) return error!;
        var entries = _source.Nodes()
            .Where(n => _source.IsSimulated(n) && labels.Matches(n.Metadata?.Labels) && fields.Matches(n.Metadata?.Name ?? "", null))
            .OrderBy(n => n.Metadata.Name, StringComparer.Ordinal)
            .Select(Entry)
            .ToList();
        return asTable ? NodeTable(entries, now) : MetricsResponse.Json(MetricsJson.NodeMetricsList(entries, now, Window));
    }

    private HashSet<string> SimulatedNodeNames() =>
        _source.Nodes().Where(_source.IsSimulated).Select(n => n.Metadata.Name).ToHashSet(StringComparer.Ordinal);

    private MetricsJson.PodEntry? EntryFor(V1Pod pod, HashSet<string> simulatedNodes, DateTimeOffset now)
    {
        if (pod.Spec?.NodeName is not { } node || !simulatedNodes.Contains(node)) return null;
        var containers = SimulatedUsage.ForPod(pod, now, Report);
        return containers is null ? null : new MetricsJson.PodEntry(pod, containers);
    }

    private static MetricsResponse PodTable(IEnumerable<MetricsJson.PodEntry> entries, DateTimeOffset now) =>
        MetricsResponse.Json(MetricsJson.Table(entries.Select(e => (
            e.Pod.Metadata.Name, (string?)e.Pod.Metadata.NamespaceProperty, now,
            e.Containers.Sum(c => c.NanoCores), e.Containers.Sum(c => c.MemoryBytes))), Window, now));

    private static MetricsResponse NodeTable(IEnumerable<MetricsJson.NodeEntry> entries, DateTimeOffset now) =>
        MetricsResponse.Json(MetricsJson.Table(entries.Select(e => (e.Node.Metadata.Name, (string?)null, now, e.NanoCores, e.MemoryBytes)), Window, now));

    private static bool TrySelectors(NameValueCollection query, out LabelSelector labels, out FieldSelector fields, out MetricsResponse? error)
    {
        error = null;
        fields = FieldSelector.Everything;
        if (!LabelSelector.TryParse(query["labelSelector"], out labels, out var labelError))
        {
            error = MetricsResponse.Json(MetricsJson.Status(400, "BadRequest", $"unable to parse requirement: {labelError}"), 400);
            return false;
        }
        if (!FieldSelector.TryParse(query["fieldSelector"], out fields, out var fieldError))
        {
            error = MetricsResponse.Json(MetricsJson.Status(400, "BadRequest", fieldError!), 400);
            return false;
        }
        return true;
    }

    // The generic API server's forbidden message, so kubectl prints what it prints for metrics-server.
    private static MetricsResponse Forbidden(RemoteUser user, MetricsAccess access, string qualified)
    {
        var scope = access.Namespace is { Length: > 0 } ns ? $"in the namespace \"{ns}\"" : "at the cluster scope";
        var reason = $"User \"{user.Name}\" cannot {access.Verb} resource \"{access.Resource}\" in API group \"{MetricsJson.Group}\" {scope}";
        var message = access.Name is null ? $"{qualified} is forbidden: {reason}" : $"{qualified} \"{access.Name}\" is forbidden: {reason}";
        return MetricsResponse.Json(MetricsJson.Status(403, "Forbidden", message, name: access.Name, group: MetricsJson.Group, kind: access.Resource), 403);
    }

    private static MetricsResponse NotFoundPath() =>
        MetricsResponse.Json(MetricsJson.Status(404, "NotFound", "the server could not find the requested resource"), 404);

    // A bad annotation is said once per pod and text, not on every request.
    private void Report(string problem)
    {
        lock (_reported)
        {
            if (_reported.Count > 10_000) _reported.Clear();
            if (!_reported.Add(problem)) return;
        }
        _log?.Invoke("metrics: " + problem);
    }
}
