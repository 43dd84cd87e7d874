using System.Text.Json.Nodes;
using K8sPS.Engine.Manifests;

namespace K8sPS.Engine.Lint.Rules;

/// <summary>
/// K8S104: a required field is missing or empty. When the line holds only a comment where the value should be
/// ("volumeID: # insert ... here"), say so: YAML reads that as an empty value.
/// </summary>
public sealed class RequiredFieldRule : ManifestRule
{
    public override string Id => "K8S104";
    public override IssueSeverity Severity => IssueSeverity.Error;
    public override string Title => "required field missing or empty";

    public override void Check(LintContext context)
    {
        var split = SplitListItemRule.Find(context).Select(s => s.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var visit in context.Visits)
        {
            if (visit.Expected.Shape != FieldShape.Object || visit.Expected.ObjectType is null || visit.Node is not JsonObject o) continue;
            if (split.Contains(visit.Path)) continue; // SplitListItemRule says it better
            foreach (var field in ModelSchema.RequiredOf(visit.Expected.ObjectType))
            {
                var present = o.TryGetPropertyValue(field, out var value);
                if (present && value is not null) continue;
                var path = ManifestDocument.Child(visit.Path, field);
                var typeName = ModelSchema.ModelName(visit.Expected.ObjectType);
                if (present)
                {
                    var line = context.Document.LineOf(path);
                    var comment = Text.CommentOf(context.Document.RawLine(line));
                    if (comment is not null)
                        context.Report(this, path,
                            $"'{field}' is empty: the line has only a comment ({comment}) where the value should be, and YAML ignores comments.",
                            $"write the value after '{field}:'; {typeName}.{field} is required.");
                    else
                        context.Report(this, path, $"'{field}' is empty, but {typeName}.{field} is required.", $"give '{field}' a value.");
                }
                else
                    context.Report(this, path, $"{typeName} requires '{field}', which is missing.", $"add '{field}:' to {(visit.Path.Length == 0 ? "the object" : visit.Path)}.",
                        line: context.Document.LineOf(visit.Path));
            }
        }
    }
}
