namespace K8sPS.Engine.Api;

/// <summary>The kinds a server serves; lint checks documents against it when given one.</summary>
public interface IApiCatalog
{
    /// <summary>The resource for a kind in an API version, or null when the server does not serve it.</summary>
    ApiResource? Find(string apiVersion, string kind);

    /// <summary>Every served version of a kind (any group), for "did you mean" messages.</summary>
    IReadOnlyList<ApiResource> FindKind(string kind);

    /// <summary>A resource by what a user types: kind, plural, singular or short name, optionally "name.group".</summary>
    ApiResource? Resolve(string name);

    string ServerVersion { get; }
}
