using System.Text.Json.Nodes;
using K8sPS.Engine.Editing;

namespace K8sPS.Engine.Tests.Editing;

/// <summary>MergePatch makes and applies RFC 7386 merge patches (the RFC's own example) and lists the fields a patch touches.</summary>
public class MergePatchTests
{
    private static JsonObject J(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void Applies_the_rfcs_example()
    {
        var target = J("""{"title":"Goodbye!","author":{"givenName":"John","familyName":"Doe"},"tags":["example","sample"],"content":"This will be unchanged"}""");
        var patch = J("""{"title":"Hello!","phoneNumber":"+01-123-456-7890","author":{"familyName":null},"tags":["example"]}""");
        var result = MergePatch.Apply(target, patch)!;
        Assert.True(MergePatch.JsonEquals(J("""{"title":"Hello!","author":{"givenName":"John"},"tags":["example"],"content":"This will be unchanged","phoneNumber":"+01-123-456-7890"}"""), result));
    }

    [Fact]
    public void Creates_the_patch_that_applying_undoes_the_difference()
    {
        var a = J("""{"a":1,"b":{"c":[1,2],"d":"x","e":{"f":1}},"g":true}""");
        var b = J("""{"a":1.0,"b":{"c":[1,3],"e":{"f":1}},"h":null}""");
        var patch = MergePatch.Create(a, b);
        Assert.Equal("""{"g":null,"b":{"d":null,"c":[1,3]},"h":null}""", patch.ToJsonString());
        Assert.Equal([["g"], ["b", "d"], ["b", "c"], ["h"]], MergePatch.Fields(patch));
    }

    [Fact]
    public void Paths_overlap_when_one_lies_inside_the_other()
    {
        Assert.True(MergePatch.Overlap(["spec", "template"], ["spec", "template", "spec", "containers"]));
        Assert.False(MergePatch.Overlap(["spec", "replicas"], ["spec", "template"]));
        Assert.Equal("metadata.annotations[kubernetes.io/change-cause]", MergePatch.Text(["metadata", "annotations", "kubernetes.io/change-cause"]));
    }
}
