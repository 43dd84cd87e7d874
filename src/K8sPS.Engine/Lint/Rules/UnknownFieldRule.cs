using System.Text.Json.Nodes;
using K8sPS.Engine.Manifests;

namespace K8sPS.Engine.Lint.Rules;

/// <summary>
/// K8S101: a field the API type does not have. kubectl drops or rejects it depending on version and settings;
/// we always say where it would belong (a field of the same name elsewhere in the kind) or what it is close to.
/// </summary>
public sealed class UnknownFieldRule : ManifestRule
{
    public override string Id => "K8S101";
    public override IssueSeverity Severity => IssueSeverity.Error;
    public override string Title => "unknown field";

    public override void Check(LintContext context)
    {
        if (context.Model is null) return;
        foreach (var visit in context.Visits)
        {
            if (visit.Expected.Shape != FieldShape.Object || visit.Expected.ObjectType is null || visit.Node is not JsonObject o) continue;
            var fields = ModelSchema.FieldsOf(visit.Expected.ObjectType);
            foreach (var (key, _) in o)
            {
                if (fields.ContainsKey(key)) continue;
                var path = ManifestDocument.Child(visit.Path, key);
                var typeName = ModelSchema.ModelName(visit.Expected.ObjectType);
                var where = visit.Path.Length == 0 ? $"{context.Document.Kind} (at the top level)" : $"{typeName} at {visit.Path}";
                string? fix = null;
                var elsewhere = FindElsewhere(context.Model, key);
                if (elsewhere is not null)
                    fix = $"{key} belongs in {elsewhere}: move it there (indent it under {ManifestDocument.ParentPath(elsewhere)}).";
                else if (Text.Closest(key, fields.Keys) is { } close)
                    fix = $"did you mean '{close}'?";
                context.Report(this, path, $"unknown field '{key}': {where} has no such field.", fix);
            }
        }
    }

    /// <summary>The shortest path inside the kind where a field of this name exists, e.g. spec.template.spec.nodeSelector.</summary>
    private static string? FindElsewhere(Type model, string key)
    {
        var queue = new Queue<(Type Type, string Path, int Depth)>();
        queue.Enqueue((model, "", 0));
        var seen = new HashSet<Type>();
        while (queue.Count > 0)
        {
            var (type, path, depth) = queue.Dequeue();
            if (!seen.Add(type) || depth > 6) continue;
            var fields = ModelSchema.FieldsOf(type);
            if (path.Length > 0 && fields.ContainsKey(key)) return ManifestDocument.Child(path, key);
            foreach (var (name, ft) in fields)
            {
                if (name is "status" or "managedFields") continue;
                var inner = ft.Shape == FieldShape.Object ? ft : ft.Element;
                if (inner?.ObjectType is null) continue;
                var childPath = ManifestDocument.Child(path, name) + (ft.Shape == FieldShape.List ? "[]" : "");
                queue.Enqueue((inner.ObjectType, childPath, depth + 1));
            }
        }
        return null;
    }
}
