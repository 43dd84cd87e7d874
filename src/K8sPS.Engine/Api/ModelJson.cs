using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using K8sPS.Engine.Lint;

namespace K8sPS.Engine.Api;

/// <summary>KubernetesClient's JSON deserialization for a model type known only at run time.</summary>
public static class ModelJson
{
    // One compiled call per model type: a list of thousands of objects makes no reflection call per object.
    private static readonly ConcurrentDictionary<Type, Func<JsonNode, object?>> Readers = new();
    private static readonly MethodInfo ReadAs = typeof(ModelJson).GetMethod(nameof(Read), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static object? Deserialize(JsonNode json, Type model)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(model);
        return Readers.GetOrAdd(model, t => ReadAs.MakeGenericMethod(t).CreateDelegate<Func<JsonNode, object?>>())(json);
    }

    /// <summary>The model type of an object the server returned, or null for kinds the client does not know.</summary>
    public static object? ToModel(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var type = ModelSchema.TypeOf(obj["apiVersion"]?.GetValue<string>(), obj["kind"]?.GetValue<string>());
        if (type is null) return null;
        try { return Deserialize(obj, type); }
        catch (JsonException) { return null; }
    }

    private static object? Read<T>(JsonNode json) => k8s.KubernetesJson.Deserialize<T>(json);
}
