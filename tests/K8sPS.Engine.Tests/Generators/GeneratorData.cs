using System.Text.Json.Nodes;
using k8s;
using K8sPS.Engine.Tests.Manifests;

namespace K8sPS.Engine.Tests.Generators;

/// <summary>The inputs kubectl was run on and what it printed (Generators/data, made by make-expected.sh).</summary>
internal static class GeneratorData
{
    public static string Input(string relative) => Path.Combine(TestFiles.RepoRoot, "tests", "K8sPS.Engine.Tests", "Generators", "data", "inputs", relative);

    public static string Kubectl(string name) => File.ReadAllText(Path.Combine(TestFiles.RepoRoot, "tests", "K8sPS.Engine.Tests", "Generators", "data", "kubectl", name));

    /// <summary>kubectl's error line for a case, without its "error: " prefix.</summary>
    public static string KubectlError(string name)
    {
        var text = Kubectl(name + ".err").Trim();
        return text.StartsWith("error: ", StringComparison.Ordinal) ? text["error: ".Length..] : text;
    }

    /// <summary>Our object serialized as the client would send it equals kubectl's output (null/empty values and creationTimestamp aside).</summary>
    public static void AssertSameAsKubectl(string kubectlFile, object ours)
    {
        var expected = Normalize(JsonNode.Parse(Kubectl(kubectlFile)));
        var actual = Normalize(JsonNode.Parse(KubernetesJson.Serialize(ours)));
        Assert.Equal(expected?.ToJsonString(), actual?.ToJsonString());
    }

    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var result = new JsonObject();
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (key == "creationTimestamp") continue;
                    var n = Normalize(value);
                    if (n is null || n is JsonObject { Count: 0 }) continue;
                    result[key] = n;
                }
                return result;
            case JsonArray a:
                return new JsonArray(a.Select(Normalize).ToArray());
            case null:
                return null;
            default:
                return JsonNode.Parse(node.ToJsonString());
        }
    }
}
