using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Api;

/// <summary>
/// The kinds a server serves, from its discovery documents (/api, /apis and each group version), cached per
/// client for a few minutes and refreshed on demand (after CRDs are applied, or when a kind is not found).
/// </summary>
public sealed class ApiCatalog : IApiCatalog
{
    private static readonly ConcurrentDictionary<object, (ApiCatalog Catalog, DateTime Loaded)> Cache = new();
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly List<ApiResource> _resources;

    private ApiCatalog(List<ApiResource> resources, string serverVersion)
    {
        _resources = resources;
        ServerVersion = serverVersion;
    }

    public string ServerVersion { get; }
    public IReadOnlyList<ApiResource> Resources => _resources;

    /// <summary>A catalog built from a fixed list (tests).</summary>
    public static ApiCatalog FromResources(IEnumerable<ApiResource> resources, string serverVersion = "test") => new(resources.ToList(), serverVersion);

    public static async Task<ApiCatalog> GetAsync(KubeRest rest, CancellationToken cancellationToken, bool refresh = false)
    {
        if (!refresh && Cache.TryGetValue(rest.Identity, out var cached) && DateTime.UtcNow - cached.Loaded < MaxAge) return cached.Catalog;
        var catalog = await LoadAsync(rest, cancellationToken).ConfigureAwait(false);
        Cache[rest.Identity] = (catalog, DateTime.UtcNow);
        return catalog;
    }

    public static void Invalidate(KubeRest rest) => Cache.TryRemove(rest.Identity, out _);

    private static async Task<ApiCatalog> LoadAsync(KubeRest rest, CancellationToken ct)
    {
        var versionTask = rest.GetAsync("/version", ct);
        var coreTask = rest.GetAsync("/api/v1", ct);
        var groups = await GetJson(rest, "/apis", ct).ConfigureAwait(false);
        var groupVersions = new List<(string Group, string Version, bool Preferred)>();
        foreach (var g in groups?["groups"]?.AsArray() ?? [])
        {
            var name = g?["name"]?.GetValue<string>() ?? "";
            var preferred = g?["preferredVersion"]?["version"]?.GetValue<string>();
            foreach (var v in g?["versions"]?.AsArray() ?? [])
            {
                var version = v?["version"]?.GetValue<string>();
                if (version is not null) groupVersions.Add((name, version, version == preferred));
            }
        }
        var lists = await Task.WhenAll(groupVersions.Select(async gv =>
        {
            var r = await rest.GetAsync($"/apis/{gv.Group}/{gv.Version}", ct).ConfigureAwait(false);
            // A broken aggregated API (metrics-server down) must not break everything else, as in kubectl.
            return (gv, r.IsSuccess ? JsonNode.Parse(r.Body) : null);
        })).ConfigureAwait(false);

        var resources = new List<ApiResource>();
        var core = await coreTask.ConfigureAwait(false);
        if (core.IsSuccess) AddResources(resources, "", "v1", true, core.Json);
        foreach (var (gv, list) in lists) AddResources(resources, gv.Group, gv.Version, gv.Preferred, list);

        var serverVersion = await versionTask.ConfigureAwait(false);
        var gitVersion = serverVersion.IsSuccess ? serverVersion.Json?["gitVersion"]?.GetValue<string>() ?? "?" : "?";
        return new ApiCatalog(resources, gitVersion.TrimStart('v'));
    }

    private static async Task<JsonNode?> GetJson(KubeRest rest, string path, CancellationToken ct)
    {
        var r = await rest.GetAsync(path, ct).ConfigureAwait(false);
        if (!r.IsSuccess) throw new K8sException(ErrorMapper.FromStatus(r.StatusCode, r.Body));
        return r.Json;
    }

    private static void AddResources(List<ApiResource> into, string group, string version, bool preferred, JsonNode? list)
    {
        foreach (var r in list?["resources"]?.AsArray() ?? [])
        {
            var name = r?["name"]?.GetValue<string>();
            if (name is null || name.Contains('/')) continue; // subresources (status, scale, log...)
            into.Add(new ApiResource(group, version, r!["kind"]!.GetValue<string>(), name,
                r["singularName"]?.GetValue<string>() is { Length: > 0 } s ? s : r["kind"]!.GetValue<string>().ToLowerInvariant(),
                r["namespaced"]?.GetValue<bool>() ?? false,
                r["shortNames"]?.AsArray().Select(x => x!.GetValue<string>()).ToList() ?? [],
                r["verbs"]?.AsArray().Select(x => x!.GetValue<string>()).ToList() ?? [],
                preferred));
        }
    }

    public ApiResource? Find(string apiVersion, string kind) =>
        _resources.FirstOrDefault(r => r.ApiVersion == apiVersion && r.Kind == kind);

    public IReadOnlyList<ApiResource> FindKind(string kind) =>
        _resources.Where(r => string.Equals(r.Kind, kind, StringComparison.OrdinalIgnoreCase)).ToList();

    public ApiResource? Resolve(string name)
    {
        var lower = name.ToLowerInvariant();
        string? group = null;
        var dot = lower.IndexOf('.');
        if (dot > 0) { group = lower[(dot + 1)..]; lower = lower[..dot]; }
        var candidates = _resources.Where(r => (group is null || r.Group == group || r.Group.StartsWith(group + ".", StringComparison.Ordinal))
            && (r.Plural == lower || r.Singular == lower || r.Kind.Equals(lower, StringComparison.OrdinalIgnoreCase) || r.ShortNames.Contains(lower)));
        // Prefer the core group, then each group's preferred version, in discovery order (kubectl's priority).
        return candidates.OrderBy(r => r.Group.Length == 0 ? 0 : 1).ThenBy(r => r.PreferredVersion ? 0 : 1).FirstOrDefault();
    }
}
