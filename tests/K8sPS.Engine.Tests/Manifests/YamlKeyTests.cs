using System.Text.Json;
using System.Text.Json.Nodes;
using K8sPS.Engine.Manifests;

namespace K8sPS.Engine.Tests.Manifests;

/// <summary>Plain keys become the JSON keys kubectl makes of them (YAML 1.1 booleans, integers, floats), checked against kubectl 1.32.</summary>
public class YamlKeyTests
{
    [Fact]
    public void Plain_keys_are_the_keys_kubectl_makes()
    {
        var kubectl = KubectlObjects(TestData.Read("kubectl/yaml-keys/keys-kubectl.json"));
        var read = ManifestReader.Read(TestData.Read("kubectl/yaml-keys/keys-in.yaml"), "keys-in.yaml");
        Assert.Empty(read.Errors);
        Assert.Equal(kubectl.Count, read.Documents.Count);
        for (var i = 0; i < kubectl.Count; i++)
        {
            var expected = kubectl[i]["data"]!.AsObject().Select(p => $"{p.Key}={p.Value}").Order(StringComparer.Ordinal);
            var actual = read.Documents[i].Object!["data"]!.AsObject().Select(p => $"{p.Key}={p.Value}").Order(StringComparer.Ordinal);
            Assert.Equal(expected, actual);
        }
        // Keys that become the same key are duplicates, which lint refuses (kubectl keeps the last silently).
        Assert.Equal(["data.true", "data.true"], read.Documents[0].DuplicateKeys.Select(d => d.Path));
    }

    [Theory]
    [InlineData(1e6, "1e+06")]
    [InlineData(123456.7, "123456.7")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1.5, "1.5")]
    [InlineData(100000, "100000")]
    public void Float_keys_are_Go_percent_g_of_the_float32(double value, string go) => Assert.Equal(go, YamlComposer.GoFloat32G(value));

    private static List<JsonObject> KubectlObjects(string text)
    {
        var objects = new List<JsonObject>();
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
            objects.Add(JsonNode.Parse(ref reader)!.AsObject());
        return objects;
    }
}
