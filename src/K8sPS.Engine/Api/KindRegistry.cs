using System.Reflection;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace K8sPS.Engine.Api;

/// <summary>
/// The KubernetesClient model type for an apiVersion/kind, found from the [KubernetesEntity]
/// attributes the client ships (so a newer client brings its kinds with it), and typed JSON conversion.
/// </summary>
public static class KindRegistry
{
    private static readonly Lazy<IReadOnlyList<(string ApiVersion, string Kind, Type Type)>> Entities = new(() =>
        typeof(V1Pod).Assembly.GetTypes()
            .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
            .Where(x => x.Entity is not null && typeof(IKubernetesObject).IsAssignableFrom(x.Type))
            .Select(x => (string.IsNullOrEmpty(x.Entity!.Group) ? x.Entity.ApiVersion : $"{x.Entity.Group}/{x.Entity.ApiVersion}", x.Entity.Kind, x.Type))
            .ToList());

    /// <summary>Every kind KubernetesClient has a model for (Pod, Deployment...), sorted.</summary>
    public static IReadOnlyList<string> Kinds => [.. Entities.Value.Select(e => e.Kind).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The model type for <paramref name="kind"/> (case-insensitive) and, when given, <paramref name="apiVersion"/>.</summary>
    public static Type? Find(string kind, string? apiVersion = null)
    {
        var matches = Entities.Value.Where(e => string.Equals(e.Kind, kind, StringComparison.OrdinalIgnoreCase)).ToList();
        if (!string.IsNullOrEmpty(apiVersion))
            return matches.FirstOrDefault(e => string.Equals(e.ApiVersion, apiVersion, StringComparison.OrdinalIgnoreCase)).Type;
        // Without a version prefer a GA version (v1, apps/v1) over beta and alpha ones.
        return matches.OrderBy(e => e.ApiVersion.Contains("alpha", StringComparison.Ordinal) ? 2 : e.ApiVersion.Contains("beta", StringComparison.Ordinal) ? 1 : 0)
            .FirstOrDefault().Type;
    }

    /// <summary>The kind a model type stands for (V1Pod: Pod), or null.</summary>
    public static string? KindOf(Type type) => type.GetCustomAttribute<KubernetesEntityAttribute>()?.Kind;

    /// <summary>Deserializes JSON into the model type of its kind (or <paramref name="kind"/> when the JSON has none).</summary>
    public static IKubernetesObject FromJson(string json, string? kind = null, string? apiVersion = null)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var jsonKind = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        var jsonVersion = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("apiVersion", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var wantedKind = jsonKind ?? kind ?? throw new ArgumentException("The object has no 'kind': give one.");
        var type = Find(wantedKind, jsonVersion ?? apiVersion)
            ?? throw new ArgumentException($"No known model for kind '{wantedKind}'{(jsonVersion ?? apiVersion) switch { null => "", var av => $" in {av}" }}.");
        var method = typeof(KubernetesJson).GetMethod(nameof(KubernetesJson.Deserialize), [typeof(string), typeof(JsonSerializerOptions)])!.MakeGenericMethod(type);
        var result = (IKubernetesObject)method.Invoke(null, [json, null])!;
        // A JSON object without kind/apiVersion gets them from the model, so it round-trips.
        var entity = type.GetCustomAttribute<KubernetesEntityAttribute>()!;
        result.Kind ??= entity.Kind;
        result.ApiVersion ??= string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";
        return result;
    }
}
