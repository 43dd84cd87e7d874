using System.Text.Json;
using System.Text.Json.Nodes;
using K8sPS.Engine.Manifests;

namespace K8sPS.Engine.Lint.Rules;

/// <summary>
/// K8S102: a value of the wrong shape: a map where a list belongs (a list elided with a comment, as in
/// "containers: # ... omitted"), text where a number belongs, and so on. The server rejects these.
/// </summary>
public sealed class WrongTypeRule : ManifestRule
{
    public override string Id => "K8S102";
    public override IssueSeverity Severity => IssueSeverity.Error;
    public override string Title => "value of the wrong type";

    public override void Check(LintContext context)
    {
        foreach (var visit in context.Visits)
        {
            if (visit.Node is null || visit.Path.Length == 0 || Fits(visit.Node, visit.Expected.Shape)) continue;
            var shown = context.IsSecretValue(visit.Path) ? $"a {visit.Node.GetValueKind().ToString().ToLowerInvariant()} (not shown: secret)" : ManifestLinter.Describe(visit.Node);
            var message = $"'{visit.Key}' must be {visit.Expected.Describe()}, but it is {shown}.";
            string? fix = null;
            if (visit.Expected.Shape == FieldShape.List && visit.Node is JsonObject map)
            {
                var keys = string.Join(", ", map.Select(p => p.Key));
                var comment = CommentBetween(context.Document, visit.Path, map);
                fix = comment is not null
                    ? $"the list items seem to have been left out (the comment '{comment.Value.Text}' at line {comment.Value.Line} stands for them), so {keys} ended up directly under '{visit.Key}'. Write the items as a list ('- name: ...'), with {keys} inside the item it belongs to."
                    : $"write '{visit.Key}' as a list: start each item with '- ' (the keys {keys} are not list items).";
            }
            else if (visit.Expected.Shape is FieldShape.Integer or FieldShape.Number && visit.Node is JsonValue v
                     && v.GetValueKind() == JsonValueKind.String && double.TryParse(v.GetValue<string>(), out _))
                fix = "remove the quotes around the number.";
            else if (context.IsSecretValue(visit.Path)) fix = "quote the value, so YAML reads it as text.";
            else if (visit.Expected.Shape == FieldShape.String && visit.Node is JsonValue sv && sv.GetValueKind() is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number)
                fix = $"quote the value: \"{sv.ToJsonString().Trim('"')}\" (YAML reads {sv.ToJsonString()} as {(sv.GetValueKind() == JsonValueKind.Number ? "a number" : "a boolean")}).";
            else if (visit.Expected.Shape is FieldShape.Object or FieldShape.Map && visit.Node is JsonArray)
                fix = $"remove the '- ' in front of the keys of '{visit.Key}': it is a map, not a list.";
            context.Report(this, visit.Path, message, fix);
        }
    }

    internal static bool Fits(JsonNode node, FieldShape shape)
    {
        var kind = node.GetValueKind();
        return shape switch
        {
            FieldShape.String => kind == JsonValueKind.String,
            FieldShape.Integer => kind == JsonValueKind.Number,
            FieldShape.Number => kind == JsonValueKind.Number,
            FieldShape.Boolean => kind is JsonValueKind.True or JsonValueKind.False,
            FieldShape.IntOrString or FieldShape.Quantity => kind is JsonValueKind.String or JsonValueKind.Number,
            FieldShape.Object or FieldShape.Map => kind == JsonValueKind.Object,
            FieldShape.List => kind == JsonValueKind.Array,
            _ => true,
        };
    }

    /// <summary>A comment line between a key and its first child: the sign of something left out.</summary>
    private static (string Text, int Line)? CommentBetween(ManifestDocument d, string path, JsonObject map)
    {
        var keyLine = d.LineOf(path);
        var first = map.Select(p => d.LineOf(ManifestDocument.Child(path, p.Key))).DefaultIfEmpty(keyLine).Min();
        for (var line = keyLine; line < first; line++)
        {
            var comment = Text.CommentOf(d.RawLine(line));
            if (comment is not null) return (comment, line);
        }
        return null;
    }
}
