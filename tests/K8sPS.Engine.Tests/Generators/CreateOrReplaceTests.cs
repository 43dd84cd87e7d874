using System.Text;
using k8s.Models;
using K8sPS.Engine.Generators;

namespace K8sPS.Engine.Tests.Generators;

/// <summary>-Force: the generated content replaces the old; the live object's metadata stays, kubectl's last-applied does not.</summary>
public class CreateOrReplaceTests
{
    private static V1ObjectMeta LiveMeta() => new()
    {
        Name = "db",
        NamespaceProperty = "shop",
        ResourceVersion = "42",
        Uid = "u-1",
        Labels = new Dictionary<string, string> { ["team"] = "web" },
        Annotations = new Dictionary<string, string>
        {
            ["note"] = "kept",
            [CreateOrReplace.LastAppliedAnnotation] = "{\"data\":{\"password\":\"b2xk\"}}",
        },
        OwnerReferences = [new V1OwnerReference { Name = "owner", Kind = "App", ApiVersion = "example.com/v1", Uid = "o-1" }],
        Finalizers = ["example.com/keep"],
    };

    [Fact]
    public void A_secret_gets_the_new_keys_and_type_and_keeps_labels_annotations_owners_and_its_version()
    {
        var live = new V1Secret { Metadata = LiveMeta(), Type = "Opaque", Data = new Dictionary<string, byte[]> { ["old"] = "x"u8.ToArray(), ["password"] = "old"u8.ToArray() } };
        var generated = SecretGenerator.Generic("db", "shop", new DataSources { Literals = [LiteralSource.FromText("password", "new")] });
        var body = CreateOrReplace.Secret(live, generated);
        Assert.Equal(["password"], body.Data.Keys);
        Assert.Equal("new", Encoding.UTF8.GetString(body.Data["password"]));
        Assert.Equal("Opaque", body.Type); // kubectl leaves the type out; the live one is sent, which the server keeps anyway
        Assert.Equal("42", body.Metadata.ResourceVersion);
        Assert.Equal("web", body.Metadata.Labels["team"]);
        Assert.Equal(["note"], body.Metadata.Annotations.Keys);
        Assert.Equal("owner", Assert.Single(body.Metadata.OwnerReferences).Name);
        Assert.Equal(["example.com/keep"], body.Metadata.Finalizers);
    }

    [Fact]
    public void A_type_change_is_sent_for_the_server_to_refuse_and_a_config_map_is_replaced_alike()
    {
        var live = new V1Secret { Metadata = LiveMeta(), Type = "Opaque" };
        var tls = new V1Secret { Metadata = new V1ObjectMeta { Name = "db" }, Type = SecretGenerator.TlsType, Data = new Dictionary<string, byte[]> { ["tls.crt"] = [1], ["tls.key"] = [2] } };
        Assert.Equal(SecretGenerator.TlsType, CreateOrReplace.Secret(live, tls).Type);

        var cm = new V1ConfigMap { Metadata = LiveMeta(), Data = new Dictionary<string, string> { ["a"] = "1" } };
        var generated = ConfigMapGenerator.Build("db", "shop", new DataSources { Literals = [LiteralSource.FromText("b", "2")] });
        var replaced = CreateOrReplace.ConfigMap(cm, generated);
        Assert.Equal(["b"], replaced.Data.Keys);
        Assert.Null(replaced.BinaryData);
        Assert.Equal("42", replaced.Metadata.ResourceVersion);
        Assert.DoesNotContain(CreateOrReplace.LastAppliedAnnotation, replaced.Metadata.Annotations.Keys);
    }
}
