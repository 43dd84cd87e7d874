using System.Text.Json.Nodes;
using K8sPS.Engine.Rollouts;

namespace K8sPS.Engine.Tests.Rollouts;

internal static class JsonAssert
{
    /// <summary>Equal as Kubernetes objects: key order, nulls and empty maps/lists (Go writes them, the C# model does not) do not count.</summary>
    public static void Same(string expected, string actual)
    {
        var e = TemplateJson.Normalize(JsonNode.Parse(expected));
        var a = TemplateJson.Normalize(JsonNode.Parse(actual));
        Assert.True(TemplateJson.SemanticEquals(e, a), $"expected:\n{e?.ToJsonString()}\nactual:\n{a?.ToJsonString()}");
    }

    /// <summary>
    /// <see cref="Same"/> for metadata and spec only: Go prints an empty status with its zero counts, which
    /// the C# model leaves out, and set image never touches status.
    /// </summary>
    public static void SameObject(string expected, string actual)
    {
        var e = JsonNode.Parse(expected)!.AsObject();
        var a = JsonNode.Parse(actual)!.AsObject();
        e.Remove("status");
        a.Remove("status");
        Same(e.ToJsonString(), a.ToJsonString());
    }
}
