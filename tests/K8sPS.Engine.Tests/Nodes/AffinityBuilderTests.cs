using k8s;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Nodes;
using K8sPS.Engine.Tests.Rollouts;

namespace K8sPS.Engine.Tests.Nodes;

/// <summary>New-K8sAffinity: selectors in kubectl's syntax become the affinity the same YAML would give.</summary>
public class AffinityBuilderTests
{
    [Fact]
    public void Selectors_read_as_kubectl_reads_them()
    {
        var r = SelectorParser.Parse("disktype=ssd, zone in (a, b),tier notin (db),gpu,!spot,cores>4,env!=prod,x==y");
        Assert.Equal(
            ["disktype In ssd", "zone In a|b", "tier NotIn db", "gpu Exists ", "spot DoesNotExist ", "cores Gt 4", "env NotIn prod", "x In y"],
            r.Select(q => $"{q.Key} {q.Operator} {string.Join("|", q.Values)}"));
        Assert.True(r[0].Equality);
        Assert.False(r[6].Equality);
        Assert.Equal([""], SelectorParser.Parse("k=")[0].Values);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("a=b,", "it ends with ','")]
    [InlineData("zone in a", "expected '(' after in/notin")]
    [InlineData("zone in (a", "a '(' is not closed")]
    [InlineData("cores>many", "'many' after > is not an integer")]
    [InlineData("bad key=x", "found 'key'")]
    [InlineData("k=bad/value", "invalid label value: \"bad/value\": a valid label must be an empty string")]
    [InlineData("-k=v", "invalid label key \"-k\": name part must consist of")]
    public void Bad_selectors_are_refused_saying_why(string selector, string why)
    {
        var error = Assert.Throws<K8sException>(() => SelectorParser.Parse(selector)).Error;
        Assert.Equal("InvalidSelector", error.ErrorId);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_affinity_required_terms_and_weighted_preferences()
    {
        var a = AffinityBuilder.AddRequiredNodeTerm(null, "disktype in (ssd,nvme)");
        a = AffinityBuilder.AddRequiredNodeTerm(a, "kubernetes.io/hostname=n2");
        a = AffinityBuilder.AddPreferredNodeTerm(a, "zone=a", 80);
        a = AffinityBuilder.AddPreferredNodeTerm(a, "zone=b", 20);
        JsonAssert.Same("""
            {"nodeAffinity":{
              "requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[
                {"matchExpressions":[{"key":"disktype","operator":"In","values":["ssd","nvme"]}]},
                {"matchExpressions":[{"key":"kubernetes.io/hostname","operator":"In","values":["n2"]}]}]},
              "preferredDuringSchedulingIgnoredDuringExecution":[
                {"weight":80,"preference":{"matchExpressions":[{"key":"zone","operator":"In","values":["a"]}]}},
                {"weight":20,"preference":{"matchExpressions":[{"key":"zone","operator":"In","values":["b"]}]}}]}}
            """, KubernetesJson.Serialize(a));
    }

    [Fact]
    public void Pod_anti_affinity_one_per_node_by_default_and_preferred_terms_with_a_weight()
    {
        var a = AffinityBuilder.AddPodTerm(null, anti: true, required: true, "app=web");
        a = AffinityBuilder.AddPodTerm(a, anti: false, required: false, "app=cache,tier in (hot)", "topology.kubernetes.io/zone", weight: 50, namespaces: ["shop"]);
        JsonAssert.Same("""
            {"podAntiAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[
                {"labelSelector":{"matchLabels":{"app":"web"}},"topologyKey":"kubernetes.io/hostname"}]},
             "podAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[
                {"weight":50,"podAffinityTerm":{"labelSelector":{"matchLabels":{"app":"cache"},"matchExpressions":[{"key":"tier","operator":"In","values":["hot"]}]},
                 "namespaces":["shop"],"topologyKey":"topology.kubernetes.io/zone"}}]}}
            """, KubernetesJson.Serialize(a));
    }

    [Fact]
    public void Builders_add_to_a_copy_and_leave_the_input_alone()
    {
        var first = AffinityBuilder.AddRequiredNodeTerm(null, "a=b");
        var second = AffinityBuilder.AddRequiredNodeTerm(first, "c=d");
        Assert.Single(first.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms);
        Assert.Equal(2, second.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms.Count);
    }

    [Fact]
    public void Weights_out_of_range_node_only_operators_in_pod_selectors_and_bad_topology_keys_are_refused()
    {
        Assert.Contains("must be in the range 1-100", Assert.Throws<K8sException>(() => AffinityBuilder.AddPreferredNodeTerm(null, "a=b", 0)).Error.Message, StringComparison.Ordinal);
        Assert.Contains("must be in the range 1-100", Assert.Throws<K8sException>(() => AffinityBuilder.AddPodTerm(null, true, false, "a=b", weight: 101)).Error.Message, StringComparison.Ordinal);
        Assert.Contains("Gt compares node labels only", Assert.Throws<K8sException>(() => AffinityBuilder.AddPodTerm(null, true, true, "n>1")).Error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid topology key \"bad key\"", Assert.Throws<K8sException>(() => AffinityBuilder.AddPodTerm(null, true, true, "a=b", "bad key")).Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_result_is_what_the_same_YAML_gives()
    {
        var yaml = """
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms:
                - matchExpressions:
                  - key: disktype
                    operator: In
                    values: [ssd]
            podAntiAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
              - labelSelector:
                  matchLabels:
                    app: web
                topologyKey: kubernetes.io/hostname
            """;
        var fromYaml = KubernetesYaml.Deserialize<V1Affinity>(yaml);
        var built = AffinityBuilder.AddPodTerm(AffinityBuilder.AddRequiredNodeTerm(null, "disktype=ssd"), anti: true, required: true, "app=web");
        JsonAssert.Same(KubernetesJson.Serialize(fromYaml), KubernetesJson.Serialize(built));
    }
}
