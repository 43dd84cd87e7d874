using System.Text.Json.Nodes;
using K8sPS.Engine.Generators;

namespace K8sPS.Engine.Secrets;

/// <summary>
/// A Secret's JSON with every value of data and stringData replaced by kubectl diff's mask ("***") and kubectl's
/// last-applied-configuration annotation (which holds the values) left out: what an apply result may carry of a
/// Secret it sent or got back. Anything that is not a Secret comes back as it is.
/// </summary>
public static class SecretMasking
{
    public static JsonNode? Mask(JsonNode? node)
    {
        if (node is not JsonObject o || o["kind"]?.GetValueKind() != System.Text.Json.JsonValueKind.String || o["kind"]!.GetValue<string>() != "Secret")
            return node;
        var copy = (JsonObject)o.DeepClone();
        foreach (var field in new[] { "data", "stringData" })
            if (copy[field] is JsonObject values)
                foreach (var key in values.Select(p => p.Key).ToList()) values[key] = SecretDiff.Mask;
        if (copy["metadata"]?["annotations"] is JsonObject annotations)
        {
            annotations.Remove(CreateOrReplace.LastAppliedAnnotation);
            if (annotations.Count == 0) ((JsonObject)copy["metadata"]!).Remove("annotations");
        }
        return copy;
    }
}
