using System.Text.Json.Nodes;
using k8s.Models;
using K8sPS.Engine.Editing;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Rollouts;

namespace K8sPS.Engine.Labels;

/// <summary>
/// <c>kubectl label</c>'s semantics: keys and values checked by the server's rules before anything is sent, an
/// existing key changed to another value only with overwrite (the value it already has is no change, which kubectl
/// 1.32 accepts as "not labeled"), keys removed, and the
/// JSON merge patch kubectl sends (only the keys that change; null for a removed one).
/// </summary>
public static class LabelEdit
{
    /// <summary>
    /// Refuses what kubectl or the server would refuse, naming the rule: an invalid key or value, a key both set and
    /// removed, or no change asked for at all. Nothing is sent when this throws.
    /// </summary>
    public static void Validate(IReadOnlyDictionary<string, string> set, IReadOnlyCollection<string> remove)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(remove);
        if (set.Count == 0 && remove.Count == 0)
            throw Invalid("at least one label update is required", "Give -Label @{ key = 'value' } to add or change labels, or -Remove key to remove one.");
        var causes = new List<K8sErrorCause>();
        foreach (var key in set.Keys.Concat(remove).Distinct(StringComparer.Ordinal))
            if (LabelRules.KeyErrors(key) is { Count: > 0 } errors)
                causes.Add(new K8sErrorCause("metadata.labels", "FieldValueInvalid", $"invalid label key \"{key}\": {string.Join("; ", errors)}"));
        foreach (var (key, value) in set)
        {
            var errors = LabelRules.ValueErrors(value);
            if (errors.Count > 0)
                causes.Add(new K8sErrorCause("metadata.labels", "FieldValueInvalid", $"invalid label value: \"{key}={value}\": {string.Join(";", errors)}"));
        }
        if (causes.Count > 0)
            throw new K8sException(new K8sError("InvalidLabel", K8sErrorCategory.InvalidArgument,
                string.Join(Environment.NewLine, causes.Select(c => c.Message)) + Environment.NewLine + "Nothing was sent to the cluster.")
            {
                Causes = causes,
                RecommendedAction = "A key is [prefix/]name: the name at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit; the prefix a lowercase DNS subdomain. A value follows the name's rule, or is empty.",
            });
        if (remove.FirstOrDefault(set.ContainsKey) is { } both)
            throw Invalid($"can not both modify and remove a label in the same command (\"{both}\")", "Set it or remove it, in two commands if need be.");
    }

    /// <summary>
    /// The edit of <paramref name="current"/> (the object's labels) for one object, after <see cref="Validate"/>.
    /// Without <paramref name="overwrite"/> a key the object already has with another value is refused, as kubectl refuses it.
    /// With <paramref name="resourceVersion"/> (the version the labels were read at) the patch carries it, as kubectl's
    /// does with --resource-version: a change made since then is the server's 409, and the edit is planned again on the
    /// new labels (<see cref="Connection.ConflictRetry"/>). Without it, a label someone set after the read would be
    /// overwritten although -Overwrite was not given.
    /// </summary>
    public static LabelEditResult Plan(string kind, string name, IDictionary<string, string>? current, IReadOnlyDictionary<string, string> set,
        IReadOnlyCollection<string> remove, bool overwrite, string? resourceVersion = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(remove);
        var labels = current is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(current, StringComparer.Ordinal);
        if (!overwrite)
        {
            // kubectl's validateNoOverwrites: only a different value is refused.
            var taken = set.Where(p => labels.TryGetValue(p.Key, out var old) && old != p.Value).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
            if (taken.Count > 0)
                throw new K8sException(new K8sError("LabelExists", K8sErrorCategory.AlreadyExists,
                    // A line a key, as kubectl writes them, each naming the object (kubectl's do not, which is unclear for many objects).
                    string.Join("\n", taken.Select(k => $"{kind.ToLowerInvariant()} \"{name}\": '{k}' already has a value ({labels[k]}), and -Overwrite is not set")))
                {
                    Kind = kind,
                    Name = name,
                    RecommendedAction = "Add -Overwrite to change an existing label (kubectl label --overwrite). Nothing was changed.",
                });
        }

        var patch = new JsonObject();
        foreach (var (key, value) in set.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (labels.TryGetValue(key, out var old) && old == value) continue;
            labels[key] = value;
            patch[key] = value;
        }
        var missing = new List<string>();
        foreach (var key in remove)
        {
            if (labels.Remove(key)) patch[key] = null;
            else missing.Add(key);
        }
        PatchRequest? request = null;
        if (patch.Count > 0)
        {
            var metadata = new JsonObject { ["labels"] = Sorted(patch) };
            if (!string.IsNullOrEmpty(resourceVersion)) metadata["resourceVersion"] = resourceVersion;
            request = new PatchRequest(new JsonObject { ["metadata"] = metadata }.ToJsonString(), V1Patch.PatchType.MergePatch);
        }
        return new LabelEditResult(request, labels, missing);
    }

    /// <summary>The labels of an object of any kind as the server sent it (metadata.labels; none: empty).</summary>
    public static Dictionary<string, string> LabelsOf(JsonNode? obj)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj?["metadata"]?["labels"] is JsonObject map)
            foreach (var (key, value) in map)
                if (value is JsonValue v && v.TryGetValue<string>(out var text)) labels[key] = text;
        return labels;
    }

    // Go marshals a map with its keys sorted: so does kubectl's patch.
    private static JsonObject Sorted(JsonObject o)
    {
        var sorted = new JsonObject();
        foreach (var (k, v) in o.OrderBy(p => p.Key, StringComparer.Ordinal).ToList())
        {
            o.Remove(k);
            sorted[k] = v;
        }
        return sorted;
    }

    private static K8sException Invalid(string message, string action)
        => new(new K8sError("InvalidLabel", K8sErrorCategory.InvalidArgument, message + ". Nothing was sent to the cluster.") { RecommendedAction = action });
}
