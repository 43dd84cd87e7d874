using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Generators;

namespace K8sPS.Engine.Tests;

/// <summary>The generators against what kubectl 1.32 printed for the same input (TestData/kubectl).</summary>
public class GeneratorTests
{
    [Theory]
    [InlineData("create-deployment-x-nginx.json", "x", new[] { "nginx" }, 1, null)]
    [InlineData("create-deployment-my-app-multi.json", "my-app", new[] { "registry.k8s.io/e2e-test-images/agnhost:2.39", "busybox@sha256:0000000000000000000000000000000000000000000000000000000000000000" }, 3, 8080)]
    [InlineData("create-deployment-zero.json", "zero", new[] { "localhost:5000/team/web:1.0" }, 0, null)]
    public void Deployment_equals_kubectl_create_deployment(string kubectlOutput, string name, string[] images, int replicas, int? port)
    {
        var ours = DeploymentGenerator.Build(new DeploymentRequest(name, images, replicas, port));
        AssertSameJson(TestData.Read("kubectl/" + kubectlOutput), KubernetesJson.Serialize(ours));
    }

    [Theory]
    [InlineData("nginx", "nginx")]
    [InlineData("nginx:1.27", "nginx")]
    [InlineData("docker.io/library/nginx:1.27@sha256:abc", "nginx")]
    [InlineData("localhost:5000/web", "web")]
    [InlineData("kodekloud/webapp-color:v1", "webapp-color")]
    [InlineData("gcr.io/my_proj/my_img.v2:3", "my-img-v2-abcde")] // kubectl: '_' and '.' become '-', plus a random suffix
    public void Container_name_comes_from_the_image_as_kubectl_names_it(string image, string expected)
        => Assert.Equal(expected, DeploymentGenerator.ContainerNameFor(image, () => "abcde"));

    [Theory]
    [InlineData("Bad", "nginx", 1, "metadata.name")]
    [InlineData("web", "ng inx", 1, "spec.template.spec.containers[0].image")]
    [InlineData("web", "nginx", -1, "spec.replicas")]
    [InlineData("web_1", "nginx", 1, "metadata.name")]
    public void Bad_input_is_refused_before_anything_is_sent(string name, string image, int replicas, string field)
    {
        var error = Assert.Throws<K8sException>(() => DeploymentGenerator.Build(new DeploymentRequest(name, [image], replicas))).Error;
        Assert.Equal("Invalid", error.ErrorId);
        Assert.Equal(K8sErrorCategory.InvalidArgument, error.Category);
        Assert.Equal(field, Assert.Single(error.Causes).Field);
        Assert.Contains("Nothing was sent", error.Message);
    }

    [Fact]
    public void All_problems_are_reported_at_once()
    {
        var error = Assert.Throws<K8sException>(() => DeploymentGenerator.Build(new DeploymentRequest("web", ["a b", ""], -2, 0))).Error;
        Assert.Equal(4, error.Causes.Count);
    }

    [Theory]
    [InlineData("expose-mp.json", null, null, null, null, null)]
    [InlineData("expose-mp-port53.json", null, 53, null, null, null)]
    [InlineData("expose-mp-udp.json", null, 53, null, "UDP", null)]
    [InlineData("expose-mp-nodeport.json", "mp-svc", 8080, "http", null, "NodePort")]
    public void Service_equals_kubectl_expose(string kubectlOutput, string? name, int? port, string? targetPort, string? protocol, string? type)
    {
        var deployment = KubernetesJson.Deserialize<V1Deployment>(TestData.Read("kubectl/deployment-mp.json"));
        var ours = ServiceGenerator.FromDeployment(deployment, new ServiceRequest(name, port, targetPort, protocol, type));
        var expected = JsonNode.Parse(TestData.Read("kubectl/" + kubectlOutput))!;
        expected["metadata"]!.AsObject().Remove("namespace"); // we send to the namespaced URL; the server fills it in
        AssertSameJson(expected.ToJsonString(), KubernetesJson.Serialize(ours));
    }

    [Fact]
    public void Exposing_needs_a_port_from_somewhere()
    {
        var bare = DeploymentGenerator.Build(new DeploymentRequest("web", ["nginx"]));
        var error = Assert.Throws<K8sException>(() => ServiceGenerator.FromDeployment(bare, new ServiceRequest())).Error;
        Assert.Equal("spec.ports", Assert.Single(error.Causes).Field);

        var service = ServiceGenerator.FromDeployment(bare, new ServiceRequest(Port: 8080, Type: "NodePort"));
        Assert.Equal(8080, service.Spec.Ports.Single().TargetPort.ToInt());
        Assert.Equal("web", service.Metadata.Name);
        Assert.Equal("web", service.Spec.Selector["app"]);
    }

    /// <summary>Equal as JSON once the empty values kubectl prints (null, {}) are dropped.</summary>
    private static void AssertSameJson(string expected, string actual)
        => Assert.Equal(Normalize(JsonNode.Parse(expected))?.ToJsonString(), Normalize(JsonNode.Parse(actual))?.ToJsonString());

    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var result = new JsonObject();
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
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
