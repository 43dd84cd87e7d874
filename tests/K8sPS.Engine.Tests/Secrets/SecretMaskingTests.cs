using System.Text.Json.Nodes;
using K8sPS.Engine.Secrets;

namespace K8sPS.Engine.Tests.Secrets;

/// <summary>An apply result's copy of a Secret: values masked, kubectl's last-applied annotation gone, other kinds untouched.</summary>
public class SecretMaskingTests
{
    [Fact]
    public void Data_and_stringData_values_are_masked_and_last_applied_is_dropped()
    {
        var secret = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"stringData\":{\"p\":\"s3cret\"}}","team":"web"}},
             "data":{"p":"czNjcmV0"},"stringData":{"q":"s3cret"},"type":"Opaque"}
            """);
        var masked = SecretMasking.Mask(secret)!.ToJsonString();
        Assert.DoesNotContain("s3cret", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("czNjcmV0", masked, StringComparison.Ordinal);
        Assert.Contains("\"data\":{\"p\":\"***\"}", masked, StringComparison.Ordinal);
        Assert.Contains("\"stringData\":{\"q\":\"***\"}", masked, StringComparison.Ordinal);
        Assert.Contains("\"team\":\"web\"", masked, StringComparison.Ordinal);
        Assert.Contains("s3cret", secret!.ToJsonString(), StringComparison.Ordinal); // a copy: the original is left as it was
    }

    [Fact]
    public void Other_kinds_come_back_as_they_are()
    {
        var cm = JsonNode.Parse("""{"kind":"ConfigMap","data":{"a":"b"}}""");
        Assert.Same(cm, SecretMasking.Mask(cm));
        Assert.Null(SecretMasking.Mask(null));
    }
}
