using System.Text.Json;
using System.Text.Json.Nodes;
using K8sPS.Engine.Api;
using K8sPS.Engine.Lint.Rules;
using K8sPS.Engine.Manifests;

namespace K8sPS.Engine.Lint;

/// <summary>One field met while walking a document along its schema.</summary>
public sealed record FieldVisit(string Path, string Key, JsonNode? Node, FieldType Expected, JsonNode? Parent);

/// <summary>Runs every rule over documents. Offline by default; with a catalog, kinds are checked against the server.</summary>
public sealed class ManifestLinter
{
    public static IReadOnlyList<ManifestRule> DefaultRules { get; } =
    [
        new MissingTypeRule(), new ApiVersionRule(), new UnknownFieldRule(), new WrongTypeRule(), new SplitListItemRule(),
        new RequiredFieldRule(), new DuplicateKeyRule(), new SlashCommentRule(), new DeprecatedAnnotationRule(), new ImageTagTypoRule(),
    ];

    private readonly IReadOnlyList<ManifestRule> _rules;

    public ManifestLinter(IReadOnlyList<ManifestRule>? rules = null) => _rules = rules ?? DefaultRules;

    public IReadOnlyList<ManifestIssue> Lint(ManifestDocument document, IApiCatalog? catalog = null)
    {
        var issues = new List<ManifestIssue>();
        if (document.Content is not JsonObject)
        {
            issues.Add(new ManifestIssue("K8S000", IssueSeverity.Error, document.Source.File, document.Source.Line, null, "",
                $"the document is {Describe(document.Content)}, not a Kubernetes object (a map with apiVersion, kind and metadata).", null));
            return issues;
        }
        var context = new LintContext(document, catalog, issues);
        foreach (var rule in _rules) rule.Check(context);
        return issues.OrderBy(i => i.Line).ThenBy(i => i.RuleId, StringComparer.Ordinal).ToList();
    }

    internal static string Describe(JsonNode? node) => node switch
    {
        null => "empty",
        JsonObject => "a map",
        JsonArray => "a list",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => $"the text '{Shorten(v.GetValue<string>())}'",
        _ => $"the value {node.ToJsonString()}",
    };

    internal static string Shorten(string s) => s.Length > 60 ? s[..57] + "..." : s;
}

/// <summary>Walks a document along its model type, recording each field with the type expected there.</summary>
internal static class SchemaWalk
{
    public static IReadOnlyList<FieldVisit> Walk(ManifestDocument document, Type? model)
    {
        var visits = new List<FieldVisit>();
        if (model is null || document.Content is not JsonObject root) return visits;
        Visit(root, new FieldType(FieldShape.Object, model), "", "", null, visits);
        return visits;
    }

    private static void Visit(JsonNode? node, FieldType expected, string path, string key, JsonNode? parent, List<FieldVisit> visits)
    {
        visits.Add(new FieldVisit(path, key, node, expected, parent));
        switch (expected.Shape)
        {
            case FieldShape.Object when node is JsonObject o && expected.ObjectType is not null:
                var fields = ModelSchema.FieldsOf(expected.ObjectType);
                foreach (var (k, v) in o)
                    if (fields.TryGetValue(k, out var ft))
                        Visit(v, ft, ManifestDocument.Child(path, k), k, o, visits);
                break;
            case FieldShape.List when node is JsonArray a && expected.Element is not null:
                for (var i = 0; i < a.Count; i++) Visit(a[i], expected.Element, ManifestDocument.Item(path, i), key, a, visits);
                break;
            case FieldShape.Map when node is JsonObject m && expected.Element is not null:
                foreach (var (k, v) in m) Visit(v, expected.Element, ManifestDocument.Child(path, k), k, m, visits);
                break;
        }
    }
}
