namespace K8sPS.Engine.Api;

/// <summary>One resource the server serves, as discovery describes it.</summary>
public sealed record ApiResource(
    string Group, string Version, string Kind, string Plural, string Singular, bool Namespaced,
    IReadOnlyList<string> ShortNames, IReadOnlyList<string> Verbs, bool PreferredVersion)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>"deployments.apps" as kubectl names it in messages.</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>"deployment.apps" as kubectl prints it before an object's name.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind.ToLowerInvariant() : $"{Kind.ToLowerInvariant()}.{Group}";

    /// <summary>The REST path of the collection (namespace ignored for cluster-scoped kinds).</summary>
    public string CollectionPath(string? ns)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        return Namespaced && !string.IsNullOrEmpty(ns) ? $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}" : $"{root}/{Plural}";
    }

    public string ItemPath(string? ns, string name) => $"{CollectionPath(ns)}/{Uri.EscapeDataString(name)}";
}
