using System.Text.Json.Nodes;

namespace K8sPS.Engine.Lint.Rules;

/// <summary>K8S001: every object needs apiVersion, kind and metadata.name; without them nothing else can be checked.</summary>
public sealed class MissingTypeRule : ManifestRule
{
    public override string Id => "K8S001";
    public override IssueSeverity Severity => IssueSeverity.Error;
    public override string Title => "apiVersion, kind and metadata.name are required";

    public override void Check(LintContext context)
    {
        var d = context.Document;
        if (string.IsNullOrEmpty(d.Kind))
            context.Report(this, "kind", "the document has no kind, so it is not a Kubernetes object.",
                "add a line such as 'kind: Deployment' at the top level.", line: d.Source.Line);
        if (string.IsNullOrEmpty(d.ApiVersion))
            context.Report(this, "apiVersion", "the document has no apiVersion.",
                d.Kind is { Length: > 0 } k && ModelSchema.VersionsOf(k) is { Count: > 0 } v
                    ? $"add 'apiVersion: {v.FirstOrDefault(x => !x.Contains("beta") && !x.Contains("alpha")) ?? v[0]}'."
                    : "add an apiVersion line, such as 'apiVersion: v1'.", line: d.Source.Line);
        if (d.Object?["kind"] is JsonValue kv && kv.TryGetValue<string>(out var kind) && kind == "List") return;
        if (string.IsNullOrEmpty(d.Name))
            context.Report(this, "metadata.name", "the object has no metadata.name.", "add metadata: name: <name>.",
                line: d.Positions.ContainsKey("metadata") ? d.LineOf("metadata") : d.Source.Line);
    }
}
