using System.Text.Json.Nodes;
using k8s.Models;
using K8sPS.Engine.Api;

namespace K8sPS.Engine.Tests.Api;

/// <summary>ModelJson.ToModel: what the server returned as the client's model type, when the client has one.</summary>
public class ModelJsonTests
{
    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void A_kind_the_client_knows_becomes_its_model_with_every_field()
    {
        var model = ModelJson.ToModel(Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"shop","creationTimestamp":"2026-12-01T10:00:00Z"},"data":{"k":"v"}}"""));
        var map = Assert.IsType<V1ConfigMap>(model);
        Assert.Equal("a", map.Metadata.Name);
        Assert.Equal(new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc), map.Metadata.CreationTimestamp?.ToUniversalTime());
        Assert.Equal("v", map.Data["k"]);
    }

    [Fact]
    public void Many_objects_of_one_kind_and_of_several_kinds_each_get_their_own_model()
    {
        for (var i = 0; i < 200; i++)
        {
            Assert.IsType<V1Deployment>(ModelJson.ToModel(Parse($$$"""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d{{{i}}}"},"spec":{"replicas":{{{i}}}}}""")));
            Assert.IsType<V1Service>(ModelJson.ToModel(Parse($$$"""{"apiVersion":"v1","kind":"Service","metadata":{"name":"s{{{i}}}"}}""")));
        }
    }

    [Fact]
    public void A_kind_the_client_does_not_know_or_that_does_not_fit_its_model_is_null()
    {
        Assert.Null(ModelJson.ToModel(Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"}}""")));
        Assert.Null(ModelJson.ToModel(Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":"not a mapping"}""")));
    }
}
