using System.Text.Json.Nodes;
using k8s;
using K8sPS.Engine.Api;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Events;

namespace K8sPS.Engine.Readiness;

/// <summary>
/// Reads an object fresh from the server and assesses it (<see cref="ReadinessAssessor"/>); when it is not ready,
/// adds the last warning events about it and, for a workload, about its pods: what a person would look at next.
/// </summary>
public sealed class ReadinessReader
{
    private const int EventsShown = 3;
    private readonly K8sConnection _connection;
    private readonly ResourceClient _client;

    public ReadinessReader(K8sConnection connection)
    {
        _connection = connection;
        _client = new ResourceClient(connection.Rest);
    }

    /// <summary>The report for the object of <paramref name="kind"/> (any spelling kubectl takes) named <paramref name="name"/>, or null when it does not exist.</summary>
    public async Task<ReadinessReport?> ReadAsync(string kind, string? ns, string name, CancellationToken ct)
    {
        var resource = await _client.ResolveAsync(kind, ct).ConfigureAwait(false);
        var live = await _client.GetAsync(resource, resource.Namespaced ? _connection.ResolveNamespace(ns) : null, name, ct).ConfigureAwait(false);
        if (live is null) return null;
        live["kind"] ??= resource.Kind;
        var report = resource.Kind == "Service" && resource.Group.Length == 0
            ? await ServiceAsync(live, ct).ConfigureAwait(false)
            : ReadinessAssessor.Assess(live);
        if (!report.Ready) report.Events = await WarningsAsync(live, resource, ct).ConfigureAwait(false);
        return report;
    }

    /// <summary>A Service is ready when its Endpoints hold a ready address (an ExternalName service always is).</summary>
    private async Task<ReadinessReport> ServiceAsync(JsonObject service, CancellationToken ct)
    {
        var name = service["metadata"]?["name"]?.GetValue<string>() ?? "";
        var ns = service["metadata"]?["namespace"]?.GetValue<string>();
        if (service["spec"]?["type"]?.GetValue<string>() == "ExternalName")
            return new ReadinessReport { Kind = "Service", Name = name, Namespace = ns, Ready = true, Summary = $"ExternalName {service["spec"]?["externalName"]?.GetValue<string>()}" };
        var endpoints = await _client.GetAsync(await _client.ResolveAsync("endpoints", ct).ConfigureAwait(false), ns, name, ct).ConfigureAwait(false);
        var ready = new List<string>();
        var notReady = new List<string>();
        foreach (var subset in endpoints?["subsets"] as JsonArray ?? [])
        {
            var port = (subset?["ports"] as JsonArray)?.FirstOrDefault()?["port"]?.ToString();
            string Address(JsonNode? a) => a?["ip"]?.GetValue<string>() + (port is null ? "" : ":" + port) + (a?["targetRef"]?["name"]?.GetValue<string>() is { } pod ? $" ({pod})" : "");
            ready.AddRange((subset?["addresses"] as JsonArray ?? []).Select(Address));
            notReady.AddRange((subset?["notReadyAddresses"] as JsonArray ?? []).Select(Address));
        }
        var selector = SelectorOf(service);
        var summary = ready.Count == 0 && notReady.Count == 0
            ? selector is null ? "no endpoints (the service has no selector and nobody wrote its Endpoints)" : $"no endpoints: no ready pod matches its selector {selector}"
            : $"{ready.Count} ready endpoint(s){(ready.Count > 0 ? ": " + string.Join(", ", ready) : "")}{(notReady.Count > 0 ? $"; {notReady.Count} not ready: {string.Join(", ", notReady)}" : "")}";
        return new ReadinessReport { Kind = "Service", Name = name, Namespace = ns, Ready = ready.Count > 0, Summary = summary, Replicas = ready.Count + notReady.Count, ReadyReplicas = ready.Count };
    }

    private async Task<IReadOnlyList<string>> WarningsAsync(JsonObject live, ApiResource resource, CancellationToken ct)
    {
        var ns = live["metadata"]?["namespace"]?.GetValue<string>();
        var uids = new HashSet<string>(StringComparer.Ordinal);
        if (live["metadata"]?["uid"]?.GetValue<string>() is { } uid) uids.Add(uid);
        // A workload's trouble shows on its pods (FailedScheduling, BackOff, FailedMount...).
        if (ns is not null && SelectorOf(live) is { } selector)
        {
            var pods = await _client.ResolveAsync("pods", ct).ConfigureAwait(false);
            await foreach (var pod in _client.ListAsync(pods, ns, selector, null, ct).ConfigureAwait(false))
                if (pod["metadata"]?["uid"]?.GetValue<string>() is { } podUid) uids.Add(podUid);
        }
        var events = await _connection.Client.CoreV1.ListNamespacedEventAsync(ns ?? "default", fieldSelector: "type=Warning", cancellationToken: ct).ConfigureAwait(false);
        return EventView.Sort(events.Items.Where(e => e.InvolvedObject?.Uid is { } u && uids.Contains(u)))
            .TakeLast(EventsShown)
            .Select(e => $"{e.InvolvedObject.Kind}/{e.InvolvedObject.Name} {e.Reason}: {e.Message?.Trim()}")
            .ToList();
    }

    /// <summary>The pods' label selector of a workload (matchLabels and matchExpressions as kubectl writes them), else null.</summary>
    internal static string? SelectorOf(JsonObject workload)
    {
        var selector = workload["spec"]?["selector"];
        if (selector is null) return null;
        // ReplicationController and Service: a plain map.
        var labels = (selector["matchLabels"] ?? (selector["matchExpressions"] is null ? selector : null)) as JsonObject;
        var terms = (labels ?? []).Select(kv => $"{kv.Key}={kv.Value?.GetValue<string>()}").ToList();
        foreach (var e in selector["matchExpressions"] as JsonArray ?? [])
        {
            var key = e?["key"]?.GetValue<string>();
            var values = string.Join(",", (e?["values"] as JsonArray ?? []).Select(v => v?.GetValue<string>()));
            terms.Add(e?["operator"]?.GetValue<string>() switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key!,
                "DoesNotExist" => "!" + key,
                _ => key!,
            });
        }
        return terms.Count == 0 ? null : string.Join(",", terms);
    }
}
