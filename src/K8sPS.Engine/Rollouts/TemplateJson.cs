using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace K8sPS.Engine.Rollouts;

/// <summary>
/// Pod templates as JSON: comparing two the way apimachinery's semantic DeepEqual does (absent, null and
/// empty maps or lists are the same; key order does not matter), and reading the template a
/// ControllerRevision holds.
/// </summary>
internal static class TemplateJson
{
    public const string PodTemplateHashLabel = "pod-template-hash";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compact JSON text without needless escapes (a '+' in a time offset stays a '+').</summary>
    public static string Text(JsonNode node) => node.ToJsonString(Compact);

    public static JsonNode? ToNode(object? model) => model is null ? null : JsonNode.Parse(KubernetesJson.Serialize(model));

    public static JsonNode? FromData(object? data) => data switch
    {
        null => null,
        JsonNode n => n.DeepClone(),
        JsonElement e => e.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : JsonNode.Parse(e.GetRawText()),
        string s => JsonNode.Parse(s),
        byte[] b => JsonNode.Parse(b),
        _ => JsonNode.Parse(KubernetesJson.Serialize(data)),
    };

    /// <summary>kubectl's equalIgnoreHash: the templates are equal once the pod-template-hash label is dropped.</summary>
    public static bool EqualIgnoreHash(V1PodTemplateSpec? a, V1PodTemplateSpec? b)
        => SemanticEquals(WithoutHash(ToNode(a)), WithoutHash(ToNode(b)));

    public static JsonNode? WithoutHash(JsonNode? template)
    {
        if (template?["metadata"]?["labels"] is JsonObject labels) labels.Remove(PodTemplateHashLabel);
        return template;
    }

    public static bool SemanticEquals(JsonNode? a, JsonNode? b) => Same(Normalize(a?.DeepClone()), Normalize(b?.DeepClone()));

    /// <summary>Drops nulls and empty objects and lists, bottom up; null when nothing is left.</summary>
    public static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    var value = Normalize(o[key]);
                    if (value is null) o.Remove(key);
                    else if (!ReferenceEquals(value, o[key])) o[key] = value;
                }
                return o.Count == 0 ? null : o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    if (a[i] is JsonObject or JsonArray) Normalize(a[i]);
                return a.Count == 0 ? null : a;
            default:
                return node;
        }
    }

    private static bool Same(JsonNode? a, JsonNode? b)
    {
        switch (a)
        {
            case null: return b is null;
            case JsonObject oa:
                if (b is not JsonObject ob || oa.Count != ob.Count) return false;
                foreach (var (key, value) in oa)
                    if (!ob.TryGetPropertyValue(key, out var other) || !Same(value, other)) return false;
                return true;
            case JsonArray aa:
                if (b is not JsonArray ab || aa.Count != ab.Count) return false;
                for (var i = 0; i < aa.Count; i++)
                    if (!Same(aa[i], ab[i])) return false;
                return true;
            default:
                if (b is not JsonValue vb || a is not JsonValue va) return false;
                var ka = va.GetValueKind();
                if (ka != vb.GetValueKind()) return false;
                if (ka == JsonValueKind.Number)
                    return decimal.TryParse(va.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var da)
                           && decimal.TryParse(vb.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var db)
                        ? da == db
                        : va.ToJsonString() == vb.ToJsonString();
                return va.ToJsonString() == vb.ToJsonString();
        }
    }

    /// <summary>
    /// Applies a ControllerRevision's data (a strategic merge patch of <c>spec.template</c>, which the
    /// DaemonSet and StatefulSet controllers always write with <c>$patch: replace</c>) to the current
    /// template, as kubectl's applyDaemonSetHistory / applyRevision do.
    /// </summary>
    public static JsonObject? TemplateFromRevisionData(JsonNode? data, JsonNode? currentTemplate)
    {
        var patch = data?["spec"]?["template"];
        if (patch is null) return currentTemplate?.DeepClone() as JsonObject;
        return MergeStrategic(currentTemplate?.DeepClone(), patch.DeepClone()) as JsonObject;
    }

    /// <summary>
    /// The strategic-merge directives the controllers' patches use: <c>$patch: replace</c> replaces a map,
    /// <c>$patch: delete</c> removes it, null deletes a key; other maps merge key by key. Lists are replaced
    /// whole (the controllers never write list directives).
    /// </summary>
    private static JsonNode? MergeStrategic(JsonNode? original, JsonNode? patch)
    {
        if (patch is not JsonObject p) return patch;
        var directive = p["$patch"]?.GetValueKind() == JsonValueKind.String ? p["$patch"]!.GetValue<string>() : null;
        p.Remove("$patch");
        if (directive == "delete") return null;
        if (directive == "replace" || original is not JsonObject o) return StripDirectives(p);
        foreach (var key in p.Select(kv => kv.Key).ToList())
        {
            var value = p[key];
            if (value is null) { o.Remove(key); continue; }
            p.Remove(key);
            var merged = MergeStrategic(o[key]?.DeepClone(), value);
            if (merged is null) o.Remove(key); else o[key] = merged;
        }
        return o;
    }

    private static JsonNode StripDirectives(JsonObject o)
    {
        foreach (var key in o.Select(kv => kv.Key).Where(k => k.StartsWith('$')).ToList()) o.Remove(key);
        foreach (var (_, value) in o)
            if (value is JsonObject child) StripDirectives(child);
        return o;
    }

    public static V1PodTemplateSpec? ToTemplate(JsonNode? node)
        => node is null ? null : KubernetesJson.Deserialize<V1PodTemplateSpec>(node.ToJsonString());
}
