using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace K8sPS.Engine.Editing;

/// <summary>
/// JSON merge patches (RFC 7386), which the server takes for any kind, custom resources included: the patch
/// from one version of an object to another, the patch applied, and the fields a patch touches, so an edit
/// made on an old version can be checked against what changed on the server since.
/// </summary>
public static class MergePatch
{
    /// <summary>
    /// The patch that turns <paramref name="original"/> into <paramref name="modified"/>: changed and new keys
    /// with their new values, removed keys as null, maps compared key by key, lists replaced whole.
    /// </summary>
    public static JsonObject Create(JsonObject original, JsonObject modified)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(modified);
        var patch = new JsonObject();
        foreach (var (key, _) in original)
            if (!modified.ContainsKey(key)) patch[key] = null;
        foreach (var (key, value) in modified)
        {
            if (!original.TryGetPropertyValue(key, out var before))
            {
                patch[key] = value?.DeepClone();
                continue;
            }
            if (before is JsonObject b && value is JsonObject a)
            {
                var sub = Create(b, a);
                if (sub.Count > 0) patch[key] = sub;
            }
            else if (!JsonEquals(before, value))
            {
                patch[key] = value?.DeepClone();
            }
        }
        return patch;
    }

    /// <summary>RFC 7386's MergePatch: <paramref name="patch"/> applied to a copy of <paramref name="target"/>.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject p) return patch?.DeepClone();
        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (key, value) in p)
        {
            if (value is null) { result.Remove(key); continue; }
            var merged = Apply(result.TryGetPropertyValue(key, out var existing) ? existing : null, value);
            result[key] = merged;
        }
        return result;
    }

    /// <summary>The fields a patch sets or removes, each as its path of keys (a replaced list is one field).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Fields(JsonObject patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var fields = new List<IReadOnlyList<string>>();
        Walk(patch, [], fields);
        return fields;
    }

    private static void Walk(JsonObject node, List<string> path, List<IReadOnlyList<string>> fields)
    {
        foreach (var (key, value) in node)
        {
            var here = new List<string>(path) { key };
            if (value is JsonObject child && child.Count > 0) Walk(child, here, fields);
            else fields.Add(here);
        }
    }

    /// <summary>True when one path is the other or lies inside it: a change at one touches the other.</summary>
    public static bool Overlap(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var n = Math.Min(a.Count, b.Count);
        for (var i = 0; i < n; i++)
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal)) return false;
        return true;
    }

    /// <summary>A path as a user reads it: spec.template.spec.containers, metadata.annotations[kubernetes.io/change-cause].</summary>
    public static string Text(IReadOnlyList<string> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var sb = new System.Text.StringBuilder();
        foreach (var key in path)
        {
            if (key.Contains('.', StringComparison.Ordinal) || key.Contains('/', StringComparison.Ordinal)) sb.Append('[').Append(key).Append(']');
            else sb.Append(sb.Length == 0 ? "" : ".").Append(key);
        }
        return sb.ToString();
    }

    /// <summary>Equal JSON values: same keys whatever their order, lists item by item, numbers by value.</summary>
    public static bool JsonEquals(JsonNode? a, JsonNode? b)
    {
        switch (a)
        {
            case null: return b is null;
            case JsonObject oa:
                if (b is not JsonObject ob || oa.Count != ob.Count) return false;
                foreach (var (key, value) in oa)
                    if (!ob.TryGetPropertyValue(key, out var other) || !JsonEquals(value, other)) return false;
                return true;
            case JsonArray aa:
                if (b is not JsonArray ab || aa.Count != ab.Count) return false;
                for (var i = 0; i < aa.Count; i++)
                    if (!JsonEquals(aa[i], ab[i])) return false;
                return true;
            default:
                if (b is not JsonValue vb || a is not JsonValue va) return false;
                var kind = va.GetValueKind();
                if (kind != vb.GetValueKind()) return false;
                if (kind == JsonValueKind.Number
                    && decimal.TryParse(va.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var da)
                    && decimal.TryParse(vb.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var db))
                    return da == db;
                if (kind == JsonValueKind.String) return va.GetValue<string>() == vb.GetValue<string>();
                return va.ToJsonString() == vb.ToJsonString();
        }
    }
}
