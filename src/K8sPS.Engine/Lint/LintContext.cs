using System.Text.Json;
using System.Text.Json.Nodes;
using K8sPS.Engine.Api;
using K8sPS.Engine.Manifests;

namespace K8sPS.Engine.Lint;

/// <summary>What a rule sees: the document, its model type, the schema walk, and (with a server) the served kinds.</summary>
public sealed class LintContext
{
    private readonly List<ManifestIssue> _issues;
    private IReadOnlyList<FieldVisit>? _visits;

    internal LintContext(ManifestDocument document, IApiCatalog? catalog, List<ManifestIssue> issues)
    {
        Document = document;
        Catalog = catalog;
        _issues = issues;
        Model = ModelSchema.TypeOf(document.ApiVersion, document.Kind);
    }

    public ManifestDocument Document { get; }
    public IApiCatalog? Catalog { get; }

    /// <summary>The KubernetesClient model of the document's kind, when the client knows it.</summary>
    public Type? Model { get; }

    /// <summary>Every field of the document with the type the schema expects there (empty without a model).</summary>
    public IReadOnlyList<FieldVisit> Visits => _visits ??= SchemaWalk.Walk(Document, Model);

    /// <summary>
    /// True for the values of a Secret (data, stringData): rules must never quote them, since lint output
    /// ends up in consoles, logs and CI transcripts.
    /// </summary>
    public bool IsSecretValue(string path) =>
        Document.Kind == "Secret" && (path.StartsWith("data", StringComparison.Ordinal) || path.StartsWith("stringData", StringComparison.Ordinal));

    public void Report(ManifestRule rule, string path, string message, string? fix = null, IssueSeverity? severity = null, int? line = null) =>
        _issues.Add(new ManifestIssue(rule.Id, severity ?? rule.Severity, Document.Source.File, line ?? Document.LineOf(path),
            Document.Display, path, message, fix));
}
