using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace K8sPS.Engine.Connection;

/// <summary>
/// A create (POST of a named object to its collection) whose answer was lost (the connection broke, our timeout,
/// a 5xx) may have been stored: it is sent again, and when that attempt meets AlreadyExists the object on the server is
/// read and compared with what was sent. When it is ours (every field sent has the value sent, it was created after
/// the first attempt began by the server's own clock, and the field manager named manages it) the create is reported
/// as done, with the server's object; else the AlreadyExists stands (someone else's object), so nothing is created twice
/// and nothing foreign is claimed.
/// </summary>
public static class CreateRetry
{
    /// <summary>How far the server's creationTimestamp (whole seconds) may lie before the first attempt began.</summary>
    private static readonly TimeSpan Truncation = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The path of the object a request creates, when it is a create that can be checked so: a POST with a JSON body that
    /// names its object (not generateName) to a collection path (not a subresource such as /eviction). Else null.
    /// </summary>
    public static string? ItemPath(HttpMethod method, string? contentType, Uri? uri, byte[]? body)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method != HttpMethod.Post || uri is null || body is null || body.Length == 0) return null;
        if (contentType is null || !contentType.Contains("json", StringComparison.OrdinalIgnoreCase)) return null;
        if (!IsCollection(uri.AbsolutePath)) return null;
        var name = NameOf(body);
        return string.IsNullOrEmpty(name) ? null : uri.AbsolutePath.TrimEnd('/') + "/" + Uri.EscapeDataString(name);
    }

    /// <summary>True for /api/v1/[namespaces/NS/]PLURAL and /apis/GROUP/VERSION/[namespaces/NS/]PLURAL.</summary>
    internal static bool IsCollection(string path)
    {
        var s = path.Trim('/').Split('/');
        return s switch
        {
            ["api", _, _] or ["apis", _, _, _] => true,
            ["api", _, "namespaces", _, _] or ["apis", _, _, "namespaces", _, _] => true,
            _ => false,
        };
    }

    private static string? NameOf(byte[] body)
    {
        try
        {
            return (JsonNode.Parse(body) as JsonObject)?["metadata"]?["name"] is JsonValue v && v.TryGetValue<string>(out var name) ? name : null;
        }
        catch (JsonException) { return null; }
    }

    /// <summary>The field manager a create names in its query (?fieldManager=), if any.</summary>
    public static string? FieldManagerOf(Uri? uri)
    {
        foreach (var part in (uri?.Query ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            if (part.StartsWith("fieldManager=", StringComparison.Ordinal)) return Uri.UnescapeDataString(part["fieldManager=".Length..]);
        return null;
    }

    /// <summary>
    /// Whether <paramref name="onServer"/> is the object <paramref name="sent"/> made: every field sent has the value sent
    /// (the server may add defaults, status, metadata), it was created no earlier than <paramref name="firstAttempt"/>
    /// (by the server's clock), and <paramref name="fieldManager"/>, when named, is among its managers.
    /// </summary>
    public static bool IsOurs(JsonObject sent, JsonObject onServer, DateTimeOffset firstAttempt, string? fieldManager)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(onServer);
        var created = onServer["metadata"]?["creationTimestamp"] is JsonValue c && c.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : (DateTimeOffset?)null;
        if (created is null || created < firstAttempt - Truncation) return false;
        if (fieldManager is not null && !(onServer["metadata"]?["managedFields"] is JsonArray managers
            && managers.Any(m => m?["manager"] is JsonValue v && v.TryGetValue<string>(out var name) && name == fieldManager)))
            return false;
        return Contains(sent, onServer);
    }

    /// <summary>Every field of <paramref name="sent"/> is in <paramref name="have"/> with the same value; lists element by element.</summary>
    internal static bool Contains(JsonNode? sent, JsonNode? have)
    {
        switch (sent)
        {
            case null: return true;
            case JsonObject o:
                if (have is not JsonObject h) return false;
                foreach (var (key, value) in o)
                {
                    if (value is null) continue;
                    if (!h.TryGetPropertyValue(key, out var other) || !Contains(value, other)) return false;
                }
                return true;
            case JsonArray a:
                if (have is not JsonArray ha || ha.Count != a.Count) return false;
                for (var i = 0; i < a.Count; i++)
                    if (!Contains(a[i], ha[i])) return false;
                return true;
            default:
                return have is JsonValue && JsonNode.DeepEquals(sent, have);
        }
    }

    /// <summary>
    /// <paramref name="local"/> by the server's clock: shifted by how far its Date header (whole seconds) was from ours
    /// when <paramref name="answer"/> came, so a skewed clock neither claims an old object nor refuses ours.
    /// </summary>
    public static DateTimeOffset ByServerClock(DateTimeOffset local, HttpResponseMessage answer, DateTimeOffset answeredAt)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Headers.Date is { } date ? local + (date - answeredAt) - TimeSpan.FromSeconds(1) : local;
    }

    /// <summary>The answer a create that turned out to be ours gets: 201 Created with the server's object.</summary>
    public static HttpResponseMessage Created(HttpRequestMessage request, string objectJson) =>
        new(System.Net.HttpStatusCode.Created)
        {
            RequestMessage = request,
            ReasonPhrase = "Created",
            Content = new StringContent(objectJson, Encoding.UTF8, "application/json"),
        };
}
