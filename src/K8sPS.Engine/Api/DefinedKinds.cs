using System.Text.Json.Nodes;
using K8sPS.Engine.Manifests;

namespace K8sPS.Engine.Api;

/// <summary>
/// The server's kinds plus those that CustomResourceDefinitions among the documents will add. Apply creates
/// CRDs first and waits until their kinds are served, so a check of the same files must accept those kinds
/// too, or it would reject what apply does.
/// </summary>
public sealed class DefinedKinds : IApiCatalog
{
    private readonly IApiCatalog _server;
    private readonly List<ApiResource> _defined;

    private DefinedKinds(IApiCatalog server, List<ApiResource> defined)
    {
        _server = server;
        _defined = defined;
    }

    /// <summary>The catalog itself when the documents define no kinds.</summary>
    public static IApiCatalog Over(IApiCatalog server, IEnumerable<ManifestDocument> documents)
    {
        var defined = documents.SelectMany(d => d.Expand()).SelectMany(FromCrd).ToList();
        return defined.Count == 0 ? server : new DefinedKinds(server, defined);
    }

    public string ServerVersion => _server.ServerVersion;

    public ApiResource? Find(string apiVersion, string kind) =>
        _server.Find(apiVersion, kind) ?? _defined.FirstOrDefault(r => r.ApiVersion == apiVersion && r.Kind == kind);

    public IReadOnlyList<ApiResource> FindKind(string kind) =>
        [.. _server.FindKind(kind), .. _defined.Where(r => string.Equals(r.Kind, kind, StringComparison.OrdinalIgnoreCase))];

    public ApiResource? Resolve(string name) => _server.Resolve(name);

    /// <summary>The served versions of a CRD document (apiextensions.k8s.io v1, or v1beta1 with its single spec.version).</summary>
    internal static IEnumerable<ApiResource> FromCrd(ManifestDocument doc)
    {
        if (doc.Kind != "CustomResourceDefinition" || doc.ApiVersion?.StartsWith("apiextensions.k8s.io/", StringComparison.Ordinal) != true
            || doc.Object?["spec"] is not JsonObject spec || spec["names"] is not JsonObject names)
            yield break;
        var group = Text(spec["group"]);
        var kind = Text(names["kind"]);
        var plural = Text(names["plural"]);
        if (group is null || kind is null || plural is null) yield break;
        var singular = Text(names["singular"]) ?? kind.ToLowerInvariant();
        var shortNames = names["shortNames"] is JsonArray s ? s.Select(Text).OfType<string>().ToList() : [];
        var namespaced = Text(spec["scope"]) != "Cluster";
        var versions = spec["versions"] is JsonArray list
            ? list.OfType<JsonObject>().Where(v => v["served"] is not JsonValue served || !served.TryGetValue<bool>(out var b) || b).Select(v => Text(v["name"])).OfType<string>().ToList()
            : [];
        if (versions.Count == 0 && Text(spec["version"]) is { } single) versions.Add(single);
        for (var i = 0; i < versions.Count; i++)
            yield return new ApiResource(group, versions[i], kind, plural, singular, namespaced, shortNames,
                ["create", "delete", "get", "list", "patch", "update", "watch"], i == 0);
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
