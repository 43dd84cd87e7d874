using System.Text.Json.Nodes;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Labels;
using K8sPS.Engine.Rollouts;

namespace K8sPS.Engine.Nodes;

/// <summary>
/// <c>kubectl taint</c>'s semantics: its spec syntax (key=value:Effect, key:Effect, key- and key:Effect- to
/// remove), its checks (key a qualified name, value a label value, one of the three effects), a taint of the same
/// key and effect replaced only with overwrite, removal by key and effect or by key alone, and the patch it sends
/// (spec.taints has no merge key: the whole new list, or null when none is left). As the list is replaced whole, the
/// patch carries the resourceVersion the node was read at when it has one: a taint another writer added since is the
/// server's 409, and the edit is made again on the new list (<see cref="Connection.ConflictRetry"/>), not dropped.
/// </summary>
public static class TaintEdit
{
    public const string NoSchedule = "NoSchedule";
    public const string PreferNoSchedule = "PreferNoSchedule";
    public const string NoExecute = "NoExecute";

    /// <summary>The effects a taint may have.</summary>
    public static IReadOnlyList<string> Effects { get; } = [NoSchedule, PreferNoSchedule, NoExecute];

    /// <summary>
    /// kubectl's spec syntax: the taints to add and those to remove (a trailing '-'); kubectl's own messages for a
    /// spec it refuses.
    /// </summary>
    public static (IReadOnlyList<V1Taint> Add, IReadOnlyList<V1Taint> Remove) ParseSpecs(IEnumerable<string> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var add = new List<V1Taint>();
        var remove = new List<V1Taint>();
        foreach (var spec in specs)
        {
            if (spec.EndsWith('-'))
            {
                var t = ParseSpec(spec[..^1]);
                remove.Add(new V1Taint { Key = t.Key, Effect = t.Effect });
                continue;
            }
            var taint = ParseSpec(spec);
            if (string.IsNullOrEmpty(taint.Effect)) throw Invalid($"invalid taint spec: {spec}", spec);
            if (add.Any(a => a.Key == taint.Key && a.Effect == taint.Effect))
                throw Invalid($"duplicated taints with the same key and effect: {{{taint.Key} {taint.Value} {taint.Effect} <nil>}}", spec);
            add.Add(taint);
        }
        return (add, remove);
    }

    /// <summary>One spec without the removal dash: '&lt;key&gt;=&lt;value&gt;:&lt;effect&gt;', '&lt;key&gt;:&lt;effect&gt;' or '&lt;key&gt;'.</summary>
    public static V1Taint ParseSpec(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = spec.Split(':');
        string key, value = "", effect = "";
        switch (parts.Length)
        {
            case 1:
                key = parts[0];
                break;
            case 2:
                effect = parts[1];
                if (!Effects.Contains(effect)) throw Invalid($"invalid taint effect: {effect}, unsupported taint effect", spec);
                var kv = parts[0].Split('=');
                if (kv.Length > 2) throw Invalid($"invalid taint spec: {spec}", spec);
                key = kv[0];
                if (kv.Length == 2)
                {
                    value = kv[1];
                    if (LabelRules.ValueErrors(value) is { Count: > 0 } ve) throw Invalid($"invalid taint spec: {spec}, {string.Join("; ", ve)}", spec);
                }
                break;
            default:
                throw Invalid($"invalid taint spec: {spec}", spec);
        }
        if (LabelRules.KeyErrors(key) is { Count: > 0 } ke) throw Invalid($"invalid taint spec: {spec}, {string.Join("; ", ke)}", spec);
        return new V1Taint { Key = key, Value = value.Length == 0 ? null : value, Effect = effect.Length == 0 ? null : effect };
    }

    /// <summary>Checks a taint given by its parts (-Key -Value -Effect) by the same rules; the effect is needed unless removing.</summary>
    public static void Validate(V1Taint taint, bool removing)
    {
        ArgumentNullException.ThrowIfNull(taint);
        var text = Describe(taint);
        if (LabelRules.KeyErrors(taint.Key ?? "") is { Count: > 0 } ke) throw Invalid($"invalid taint key \"{taint.Key}\": {string.Join("; ", ke)}", text);
        if (!string.IsNullOrEmpty(taint.Value) && LabelRules.ValueErrors(taint.Value) is { Count: > 0 } ve)
            throw Invalid($"invalid taint value \"{taint.Value}\": {string.Join("; ", ve)}", text);
        if (string.IsNullOrEmpty(taint.Effect))
        {
            if (!removing) throw Invalid($"invalid taint spec: {text}: an effect is required to add a taint ({string.Join(", ", Effects)})", text);
        }
        else if (!Effects.Contains(taint.Effect)) throw Invalid($"invalid taint effect: {taint.Effect}, unsupported taint effect", text);
    }

    /// <summary>
    /// Adds <paramref name="add"/> to the node's taints. Without <paramref name="overwrite"/> a taint of the same key
    /// and effect is refused, as kubectl refuses it; with it, it is replaced.
    /// </summary>
    public static TaintEditResult Add(V1Node node, IReadOnlyList<V1Taint> add, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(add);
        var old = node.Spec?.Taints ?? [];
        if (!overwrite)
        {
            var existing = add.Where(t => old.Any(o => o.Key == t.Key && o.Effect == t.Effect)).Select(t => t.Key).ToList();
            if (existing.Count > 0)
                throw new K8sException(new K8sError("TaintExists", K8sErrorCategory.AlreadyExists,
                    $"node {node.Metadata?.Name} already has {string.Join(",", existing)} taint(s) with same effect(s) and -Overwrite is not set")
                {
                    Kind = "Node",
                    Name = node.Metadata?.Name,
                    RecommendedAction = "Add -Overwrite to replace the taint (kubectl taint --overwrite). Nothing was changed.",
                });
        }
        var taints = new List<V1Taint>(add.Select(Copy));
        foreach (var o in old)
            if (!taints.Any(t => t.Key == o.Key && t.Effect == o.Effect)) taints.Add(o);
        var added = old.Count != taints.Count;
        var operation = overwrite ? "modified" : added ? "tainted" : "untainted";
        return new TaintEditResult(operation, taints, PatchFor(node, old, taints));
    }

    /// <summary>
    /// Removes taints by key and effect, or every effect of a key when no effect is given. A taint the node does not
    /// have is an error, as in kubectl, and then nothing is changed.
    /// </summary>
    public static TaintEditResult Remove(V1Node node, IReadOnlyList<V1Taint> remove)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(remove);
        var old = node.Spec?.Taints ?? [];
        var taints = new List<V1Taint>(old);
        var missing = new List<string>();
        foreach (var r in remove)
        {
            var before = taints.Count;
            taints.RemoveAll(t => t.Key == r.Key && (string.IsNullOrEmpty(r.Effect) || t.Effect == r.Effect));
            if (taints.Count == before) missing.Add($"taint \"{Describe(r)}\" not found");
        }
        if (missing.Count > 0)
            throw new K8sException(new K8sError("TaintNotFound", K8sErrorCategory.NotFound, $"node {node.Metadata?.Name}: {string.Join("; ", missing)}")
            {
                Kind = "Node",
                Name = node.Metadata?.Name,
                RecommendedAction = "Get-K8sNode <name> | Select-Object -ExpandProperty Taints lists the node's taints. Nothing was changed.",
            });
        return new TaintEditResult("untainted", taints, PatchFor(node, old, taints));
    }

    /// <summary>A taint as Go's Taint.ToString writes it: key=value:effect, key:effect, key=value: or key.</summary>
    public static string Describe(V1Taint taint)
    {
        ArgumentNullException.ThrowIfNull(taint);
        if (string.IsNullOrEmpty(taint.Effect))
            return string.IsNullOrEmpty(taint.Value) ? taint.Key ?? "" : $"{taint.Key}={taint.Value}:";
        return string.IsNullOrEmpty(taint.Value) ? $"{taint.Key}:{taint.Effect}" : $"{taint.Key}={taint.Value}:{taint.Effect}";
    }

    private static PatchRequest? PatchFor(V1Node node, IList<V1Taint> old, List<V1Taint> taints)
    {
        var before = new JsonArray(old.Select(ToJson).ToArray<JsonNode?>());
        var after = new JsonArray(taints.Select(ToJson).ToArray<JsonNode?>());
        if (JsonNode.DeepEquals(before, after)) return null;
        JsonNode? list = taints.Count == 0 ? null : after;
        var patch = new JsonObject();
        if (!string.IsNullOrEmpty(node.Metadata?.ResourceVersion)) patch["metadata"] = new JsonObject { ["resourceVersion"] = node.Metadata.ResourceVersion };
        patch["spec"] = new JsonObject { ["taints"] = list };
        return new PatchRequest(patch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch);
    }

    // Fields sorted by name, as Go marshals the map a two-way merge patch is made of.
    private static JsonObject ToJson(V1Taint t)
    {
        var o = new JsonObject { ["effect"] = t.Effect, ["key"] = t.Key };
        if (t.TimeAdded is DateTime added) o["timeAdded"] = added.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(t.Value)) o["value"] = t.Value;
        return o;
    }

    private static V1Taint Copy(V1Taint t) => new() { Key = t.Key, Value = string.IsNullOrEmpty(t.Value) ? null : t.Value, Effect = t.Effect, TimeAdded = t.TimeAdded };

    private static K8sException Invalid(string message, string spec)
        => new(new K8sError("InvalidTaint", K8sErrorCategory.InvalidArgument, message + ". Nothing was sent to the cluster.")
        {
            Kind = "Node",
            RecommendedAction = $"A taint is key[=value]:effect, the effect one of {string.Join(", ", Effects)}; the key follows the label key rule, the value the label value rule. ({spec})",
        });
}
