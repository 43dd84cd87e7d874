using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Kubelet;

namespace K8sPS.Engine.Tests.Kubelet;

/// <summary>DownwardApi.FieldPathValue against the kubelet's fieldpath.ExtractFieldPathAsString (1.20).</summary>
public class DownwardApiTests
{
    private static readonly V1Pod Pod = new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "web",
            Labels = new Dictionary<string, string> { ["app"] = "shop" },
            Annotations = new Dictionary<string, string> { ["example.com/Owner"] = "team-a" },
        },
    };

    [Theory]
    [InlineData("metadata.labels['app']", "shop")]
    [InlineData("metadata.labels['missing']", "")]
    [InlineData("metadata.annotations['example.com/Owner']", "team-a")]
    public void A_subscript_reads_one_label_or_annotation(string fieldPath, string expected) =>
        Assert.Equal(expected, DownwardApi.FieldPathValue(Pod, fieldPath));

    [Fact]
    public void A_label_subscript_that_is_no_qualified_name_fails_with_the_kubelets_text()
    {
        var error = Assert.Throws<K8sException>(() => DownwardApi.FieldPathValue(Pod, "metadata.labels['bad key']")).Error;
        Assert.Equal("invalid key subscript in metadata.labels['bad key']: name part must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', "
            + "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')", error.Message);
    }

    [Fact]
    public void An_annotation_subscript_with_a_bad_prefix_names_every_problem_joined_by_semicolons()
    {
        var error = Assert.Throws<K8sException>(() => DownwardApi.FieldPathValue(Pod, "metadata.annotations['Bad_Prefix/-x']")).Error;
        // The kubelet lowercases an annotation key before checking it, so only the underscore breaks the prefix.
        Assert.StartsWith("invalid key subscript in metadata.annotations['Bad_Prefix/-x']: prefix part a lowercase RFC 1123 subdomain", error.Message);
        Assert.Contains(";name part must consist of", error.Message);
    }
}
