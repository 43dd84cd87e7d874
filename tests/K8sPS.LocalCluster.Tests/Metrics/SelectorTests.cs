using K8sPS.LocalCluster.Metrics;

namespace K8sPS.LocalCluster.Tests.Metrics;

public class SelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front", ["gen"] = "3" };

    [Theory]
    [InlineData("", true)]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app=db", false)]
    [InlineData("app!=db", true)]
    [InlineData("missing!=x", true)]
    [InlineData("app=web,tier=back", false)]
    [InlineData("app in (db, web)", true)]
    [InlineData("app notin (web)", false)]
    [InlineData("missing notin (web)", true)]
    [InlineData("tier", true)]
    [InlineData("!tier", false)]
    [InlineData("!missing", true)]
    [InlineData("gen>2", true)]
    [InlineData("gen<3", false)]
    [InlineData(" app = web , tier ", true)]
    public void Label_selectors_match_as_the_api_matches(string selector, bool matches)
    {
        Assert.True(LabelSelector.TryParse(selector, out var parsed, out var error), error);
        Assert.Equal(matches, parsed.Matches(Labels));
    }

    [Theory]
    [InlineData("app in web")]
    [InlineData("=web")]
    [InlineData("app=web=x")]
    [InlineData("gen>two")]
    [InlineData("app in (web")]
    public void Malformed_label_selectors_are_refused(string selector) =>
        Assert.False(LabelSelector.TryParse(selector, out _, out _));

    [Theory]
    [InlineData("metadata.name=p1", "p1", "ns", true)]
    [InlineData("metadata.name==p1", "p2", "ns", false)]
    [InlineData("metadata.name!=p1", "p2", "ns", true)]
    [InlineData("metadata.namespace=ns,metadata.name!=p1", "p2", "ns", true)]
    [InlineData("metadata.namespace=ns", "node-1", null, false)]
    public void Field_selectors_on_name_and_namespace(string selector, string name, string? ns, bool matches)
    {
        Assert.True(FieldSelector.TryParse(selector, out var parsed, out var error), error);
        Assert.Equal(matches, parsed.Matches(name, ns));
    }

    [Fact]
    public void Other_fields_are_refused_as_the_generic_api_server_refuses_them()
    {
        Assert.False(FieldSelector.TryParse("spec.nodeName=n1", out _, out var error));
        Assert.Equal("\"spec.nodeName\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"", error);
    }
}
