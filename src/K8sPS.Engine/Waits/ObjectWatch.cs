using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Waits;

/// <summary>
/// List, then watch, the objects of one collection (narrowed by field and label selectors), as client-go's
/// reflector does for kubectl's waits (watchtools.UntilWithSync): the list's objects arrive as Added, then a
/// <see cref="WatchEventKind.Synced"/> event, then every change as the server streams it. A watch that ends
/// (the server's timeout, a dropped connection) is opened again from the last resourceVersion seen, so no
/// change is missed; when that version is too old (410 Gone) the collection is listed again and the
/// difference reported as Added, Modified and Deleted. Cancelling the token ends it at once (the stream is
/// closed, not left to its next line).
/// </summary>
public sealed class ObjectWatch
{
    private const int PageSize = 500;
    private readonly HttpClient _http;
    private readonly string _base;

    public ObjectWatch(HttpClient http, Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(baseUri);
        _http = http;
        _base = baseUri.ToString().TrimEnd('/');
    }

    /// <summary>A watch over the connection's own HttpClient: the same credentials, TLS checks, retries and request log.</summary>
    public static ObjectWatch For(K8sConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var client = connection.Client as Kubernetes
            ?? throw new ArgumentException("The connection's client is not a KubernetesClient Kubernetes instance.", nameof(connection));
        return new ObjectWatch(client.HttpClient, client.BaseUri);
    }

    /// <summary>How long to wait before opening a watch again after its connection dropped (doubles to 2 s while it keeps failing).</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How many times in a row a watch may fail to open or drop before the failure is reported.</summary>
    public int MaxConsecutiveFailures { get; init; } = 10;

    /// <summary>Each watch request asks the server to end it after this long (then it is opened again); 0: the server's default.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The events of the collection at <paramref name="collectionPath"/> (e.g. /apis/apps/v1/namespaces/shop/deployments).
    /// Ends only when the caller stops enumerating or <paramref name="ct"/> is cancelled; a refusal by the server
    /// (403, 404 of the resource type, a watch error that is not 410) is thrown as a <see cref="K8sException"/>.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(string collectionPath, string? fieldSelector, string? labelSelector,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(collectionPath);
        var known = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        string? resourceVersion = null;
        var mustList = true;
        var synced = false;
        var failures = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (mustList)
            {
                var (items, listVersion) = await ListAsync(collectionPath, fieldSelector, labelSelector, ct).ConfigureAwait(false);
                foreach (var e in Difference(known, items)) yield return e;
                resourceVersion = listVersion;
                mustList = false;
                if (!synced)
                {
                    synced = true;
                    yield return new WatchEvent(WatchEventKind.Synced, null);
                }
            }

            var opened = await OpenAsync(WatchPath(collectionPath, fieldSelector, labelSelector, resourceVersion), ct).ConfigureAwait(false);
            if (opened.Gone) { mustList = true; continue; }
            if (opened.Failure is not null)
            {
                if (++failures > MaxConsecutiveFailures) throw ErrorMapper.ToException(opened.Failure);
                await Task.Delay(Backoff(failures), ct).ConfigureAwait(false);
                continue;
            }
            using var response = opened.Response!;
            // Reads of a response stream honour the token, but the stream is also closed when it fires, so a
            // read blocked on a silent connection ends too.
            using var closeOnCancel = ct.Register(static r => ((HttpResponseMessage)r!).Dispose(), response);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false));
            var sawEvent = false;
            while (true)
            {
                var (line, dropped) = await ReadLineAsync(reader, ct).ConfigureAwait(false);
                if (dropped is not null)
                {
                    if (!sawEvent && ++failures > MaxConsecutiveFailures) throw ErrorMapper.ToException(dropped);
                    await Task.Delay(Backoff(Math.Max(failures, 1)), ct).ConfigureAwait(false);
                    break;
                }
                if (line is null) break; // the server ended the watch: open it again from where it was
                if (line.Length == 0) continue;
                var (type, obj) = Parse(line);
                switch (type)
                {
                    case "BOOKMARK":
                        resourceVersion = VersionOf(obj) ?? resourceVersion;
                        continue;
                    case "ERROR":
                        if (StatusCode(obj) == 410) { mustList = true; break; }
                        throw new K8sException(ErrorMapper.FromStatus(StatusCode(obj) ?? 500, obj?.ToJsonString()));
                    case "ADDED" or "MODIFIED" or "DELETED" when obj is not null:
                        sawEvent = true;
                        failures = 0;
                        resourceVersion = VersionOf(obj) ?? resourceVersion;
                        var key = KeyOf(obj);
                        if (type == "DELETED")
                        {
                            known.Remove(key);
                            yield return new WatchEvent(WatchEventKind.Deleted, obj);
                        }
                        else
                        {
                            var isNew = known.TryAdd(key, obj);
                            if (!isNew) known[key] = obj;
                            yield return new WatchEvent(isNew ? WatchEventKind.Added : WatchEventKind.Modified, obj);
                        }
                        continue;
                    default:
                        continue;
                }
                break; // ERROR 410: list again
            }
        }
    }

    /// <summary>What the list says changed since the objects last known: Added, Modified (by resourceVersion), Deleted.</summary>
    private static List<WatchEvent> Difference(Dictionary<string, JsonObject> known, List<JsonObject> items)
    {
        var events = new List<WatchEvent>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var key = KeyOf(item);
            seen.Add(key);
            if (!known.TryGetValue(key, out var before)) events.Add(new WatchEvent(WatchEventKind.Added, item));
            else if (VersionOf(before) != VersionOf(item) || UidOf(before) != UidOf(item)) events.Add(new WatchEvent(WatchEventKind.Modified, item));
            known[key] = item;
        }
        foreach (var key in known.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            events.Add(new WatchEvent(WatchEventKind.Deleted, known[key]));
            known.Remove(key);
        }
        return events;
    }

    private async Task<(List<JsonObject> Items, string? ResourceVersion)> ListAsync(string collectionPath, string? fieldSelector, string? labelSelector, CancellationToken ct)
    {
        var items = new List<JsonObject>();
        string? next = null;
        string? version = null;
        do
        {
            var query = new List<string> { "limit=" + PageSize.ToString(CultureInfo.InvariantCulture) };
            AddSelectors(query, fieldSelector, labelSelector);
            if (next is not null) query.Add("continue=" + Uri.EscapeDataString(next));
            using var request = new HttpRequestMessage(HttpMethod.Get, _base + collectionPath + "?" + string.Join('&', query));
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) throw new K8sException(ErrorMapper.FromStatus((int)response.StatusCode, body));
            var list = JsonNode.Parse(body) as JsonObject;
            foreach (var item in list?["items"] as JsonArray ?? [])
                if (item is JsonObject o) items.Add((JsonObject)o.DeepClone());
            version = Str(list?["metadata"]?["resourceVersion"]) ?? version;
            next = Str(list?["metadata"]?["continue"]);
        }
        while (!string.IsNullOrEmpty(next));
        return (items, version);
    }

    private sealed record Opened(HttpResponseMessage? Response, bool Gone, Exception? Failure);

    private async Task<Opened> OpenAsync(string pathAndQuery, CancellationToken ct)
    {
        HttpResponseMessage? response = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _base + pathAndQuery);
            request.Headers.Accept.ParseAdd("application/json");
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException && !ct.IsCancellationRequested)
        {
            return new Opened(null, false, e);
        }
        if (response.IsSuccessStatusCode) return new Opened(response, false, null);
        using (response)
        {
            var code = (int)response.StatusCode;
            if (code == 410) return new Opened(null, true, null);
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            throw new K8sException(ErrorMapper.FromStatus(code, body));
        }
    }

    /// <summary>The next line; null at the end of the stream; a failure when the connection broke (not when cancelled).</summary>
    private static async Task<(string? Line, Exception? Dropped)> ReadLineAsync(StreamReader reader, CancellationToken ct)
    {
        try
        {
            return (await reader.ReadLineAsync(ct).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or ObjectDisposedException)
        {
            // Closing the stream on cancellation makes a pending read fail like a broken connection.
            if (ct.IsCancellationRequested) throw new OperationCanceledException("The watch was stopped.", e, ct);
            return (null, e);
        }
    }

    private string WatchPath(string collectionPath, string? fieldSelector, string? labelSelector, string? resourceVersion)
    {
        var query = new List<string> { "watch=1", "allowWatchBookmarks=true" };
        if (WatchTimeout > TimeSpan.Zero)
            query.Add("timeoutSeconds=" + ((long)WatchTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(resourceVersion)) query.Add("resourceVersion=" + Uri.EscapeDataString(resourceVersion));
        AddSelectors(query, fieldSelector, labelSelector);
        return collectionPath + "?" + string.Join('&', query);
    }

    private static void AddSelectors(List<string> query, string? fieldSelector, string? labelSelector)
    {
        if (!string.IsNullOrEmpty(fieldSelector)) query.Add("fieldSelector=" + Uri.EscapeDataString(fieldSelector));
        if (!string.IsNullOrEmpty(labelSelector)) query.Add("labelSelector=" + Uri.EscapeDataString(labelSelector));
    }

    private TimeSpan Backoff(int failures)
        => TimeSpan.FromMilliseconds(Math.Min(2000, ReconnectDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 5))));

    private static (string? Type, JsonObject? Object) Parse(string line)
    {
        try
        {
            var node = JsonNode.Parse(line) as JsonObject;
            return (Str(node?["type"]), node?["object"] as JsonObject);
        }
        catch (JsonException e)
        {
            throw new K8sException(new K8sError("InvalidWatchEvent", K8sErrorCategory.ServerError,
                $"the server sent a watch event that is not JSON: {e.Message}"));
        }
    }

    private static string KeyOf(JsonObject obj) => $"{Str(obj["metadata"]?["namespace"])}/{Str(obj["metadata"]?["name"])}";

    private static string? VersionOf(JsonObject? obj) => Str(obj?["metadata"]?["resourceVersion"]);

    private static string? UidOf(JsonObject? obj) => Str(obj?["metadata"]?["uid"]);

    private static int? StatusCode(JsonObject? status)
        => status?["code"] is JsonValue v && v.TryGetValue<int>(out var code) ? code : null;

    private static string? Str(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
