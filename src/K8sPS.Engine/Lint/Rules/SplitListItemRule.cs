using System.Text.Json.Nodes;
using K8sPS.Engine.Manifests;

namespace K8sPS.Engine.Lint.Rules;

/// <summary>
/// K8S103: one list item written as two, e.g. "- name: A" then "- value: x": the second dash starts a new item,
/// so the first has no value and the second has no name. kubectl reports only "env[1].name: Required value".
/// </summary>
public sealed class SplitListItemRule : ManifestRule
{
    public override string Id => "K8S103";
    public override IssueSeverity Severity => IssueSeverity.Error;
    public override string Title => "a list item split in two by an extra '-'";

    public override void Check(LintContext context)
    {
        foreach (var (path, item, previous, key) in Find(context))
        {
            var prevName = previous["name"]?.ToString() ?? "the item above";
            var fieldKey = item.First().Key;
            var line = context.Document.LineOf(ManifestDocument.Child(path, fieldKey));
            context.Report(this, path,
                $"this '{key}' item has no name: the '- {fieldKey}:' line starts a new list item, so {prevName} gets no {fieldKey} and this item gets no name.",
                $"remove the '-' before '{fieldKey}' at line {line} and indent it like 'name' above, so it belongs to {prevName}.", line: line);
        }
    }

    /// <summary>Items without their required name whose only keys the item before them lacks.</summary>
    internal static IEnumerable<(string Path, JsonObject Item, JsonObject Previous, string Key)> Find(LintContext context)
    {
        foreach (var visit in context.Visits)
        {
            if (visit.Expected.Shape != FieldShape.List || visit.Node is not JsonArray list) continue;
            var element = visit.Expected.Element?.ObjectType;
            if (element is null || !ModelSchema.RequiredOf(element).Contains("name")) continue;
            for (var i = 1; i < list.Count; i++)
            {
                if (list[i] is not JsonObject item || item.Count == 0 || item.ContainsKey("name")) continue;
                if (list[i - 1] is not JsonObject previous || !previous.ContainsKey("name")) continue;
                if (item.Any(p => previous.ContainsKey(p.Key))) continue;
                yield return (ManifestDocument.Item(visit.Path, i), item, previous, visit.Key);
            }
        }
    }
}
