using System.Reflection;
using System.Text.Json;
using K8sPS.Engine.Lint;

namespace K8sPS.Engine.Api;

/// <summary>KubernetesClient's JSON (de)serialization for a model type known only at run time.</summary>
public static class ModelJson
{
    private static readonly MethodInfo DeserializeString = typeof(k8s.KubernetesJson).GetMethods()
        .Single(m => m.Name == nameof(k8s.KubernetesJson.Deserialize) && m.IsGenericMethodDefinition
                     && m.GetParameters() is [{ ParameterType: var p }, _] && p == typeof(string));

    public static object? Deserialize(string json, Type model) =>
        DeserializeString.MakeGenericMethod(model).Invoke(null, [json, null]);

    /// <summary>The model type of an object the server returned, or null for kinds the client does not know.</summary>
    public static object? ToModel(string json, string? apiVersion, string? kind)
    {
        var type = ModelSchema.TypeOf(apiVersion, kind);
        if (type is null) return null;
        try { return Deserialize(json, type); }
        catch (TargetInvocationException e) when (e.InnerException is JsonException) { return null; }
    }
}
