using System.Text.Json.Nodes;
using K8sPS.Engine.Api;
using K8sPS.Engine.Manifests;
using k8s.Models;

namespace K8sPS.Engine.Tests.Manifests;

/// <summary>
/// Output equal to kubectl's, byte for byte. The data files are what kubectl 1.32 printed for objects of the
/// notes (and a ConfigMap of awkward strings) on a 1.20.2 apiserver: `kubectl get -o json` and `-o yaml`.
/// </summary>
public class KubeFormatTests
{
    public static TheoryData<string> Objects => new()
    {
        "configmap-tricky", "deployment-helloworld-deployment", "deployment-lifecycle", "service-helloworld-service",
        "ingress-helloworld-rules", "pvc-db-storage", "hpa-hpa-example-autoscaler",
    };

    private static string Read(string name) => File.ReadAllText(TestFiles.Data(name));

    [Theory, MemberData(nameof(Objects))]
    public void Json_equals_kubectl(string name)
    {
        var node = JsonNode.Parse(Read(name + ".kubectl.json"));
        Assert.Equal(Read(name + ".kubectl.json"), KubeFormat.ToJson(node));
    }

    [Theory, MemberData(nameof(Objects))]
    public void Yaml_equals_kubectl(string name)
    {
        var node = JsonNode.Parse(Read(name + ".kubectl.json"));
        Assert.Equal(Read(name + ".kubectl.yaml"), KubeFormat.ToYaml(node));
    }

    [Theory]
    [InlineData("configmap-tricky", typeof(V1ConfigMap))]
    [InlineData("deployment-helloworld-deployment", typeof(V1Deployment))]
    [InlineData("deployment-lifecycle", typeof(V1Deployment))]
    [InlineData("service-helloworld-service", typeof(V1Service))]
    [InlineData("ingress-helloworld-rules", typeof(V1Ingress))]
    [InlineData("pvc-db-storage", typeof(V1PersistentVolumeClaim))]
    [InlineData("hpa-hpa-example-autoscaler", typeof(V1HorizontalPodAutoscaler))]
    public void Typed_objects_print_as_kubectl(string name, Type model)
    {
        var typed = ModelJson.Deserialize(JsonNode.Parse(Read(name + ".kubectl.json"))!, model);
        Assert.IsType(model, typed);
        var node = KubeFormat.FromModel(typed!);
        Assert.Equal(Read(name + ".kubectl.yaml"), KubeFormat.ToYaml(node));
        Assert.Equal(Read(name + ".kubectl.json"), KubeFormat.ToJson(node));
    }

    [Fact]
    public void Yaml_read_back_gives_the_same_object()
    {
        var json = JsonNode.Parse(Read("configmap-tricky.kubectl.json"));
        var read = ManifestReader.Read(KubeFormat.ToYaml(json));
        Assert.Empty(read.Errors);
        Assert.True(JsonNode.DeepEquals(json, read.Documents[0].Content));
    }

    [Theory]
    [InlineData("a2", "a10", -1)]
    [InlineData("9", "10", -1)]
    [InlineData("Z", "a-b", -1)]
    [InlineData("a-b", "a_b", -1)]
    [InlineData("1", "Z", -1)]
    public void Yaml_key_order_is_go_yamls(string a, string b, int sign) => Assert.Equal(sign, Math.Sign(KubeFormat.CompareKeys(a, b)));
}

/// <summary>Floats as Go prints them (encoding/json for JSON, strconv 'g' for go-yaml).</summary>
public class GoNumberTests
{
    [Theory]
    [InlineData("1.5", "1.5", "1.5")]
    [InlineData("0.25", "0.25", "0.25")]
    [InlineData("1234567.5", "1234567.5", "1.2345675e+06")]
    [InlineData("0.00001", "0.00001", "1e-05")]
    [InlineData("1e-7", "1e-7", "1e-07")]
    [InlineData("1e21", "1e+21", "1e+21")]
    [InlineData("-2.5", "-2.5", "-2.5")]
    [InlineData("42", "42", "42")]
    public void Floats_print_as_go_does(string raw, string json, string yaml)
    {
        var node = JsonNode.Parse("{\"x\":" + raw + "}");
        Assert.Equal("{\n    \"x\": " + json + "\n}\n", KubeFormat.ToJson(node));
        Assert.Equal("x: " + yaml + "\n", KubeFormat.ToYaml(node));
    }
}
