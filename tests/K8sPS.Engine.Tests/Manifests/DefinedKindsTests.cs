using K8sPS.Engine.Api;
using K8sPS.Engine.Lint;
using K8sPS.Engine.Manifests;

namespace K8sPS.Engine.Tests.Manifests;

/// <summary>Checking files against a server: kinds that CRDs in the same files define count as served.</summary>
public class DefinedKindsTests
{
    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: gadgets.k8sps.example.com
        spec:
          group: k8sps.example.com
          scope: Cluster
          names: {plural: gadgets, singular: gadget, kind: Gadget, shortNames: [gdg]}
          versions:
          - {name: v1, served: true, storage: true}
          - {name: v0, served: false, storage: false}
        """;

    private const string Gadget = "apiVersion: k8sps.example.com/v1\nkind: Gadget\nmetadata:\n  name: g\n";

    private static readonly ApiCatalog Server = ApiCatalog.FromResources(
        [new ApiResource("", "v1", "ConfigMap", "configmaps", "configmap", true, ["cm"], ["patch"], true)], "1.20.2");

    [Fact]
    public void A_kind_defined_by_a_CRD_of_the_same_input_is_accepted_with_its_scope()
    {
        var docs = ManifestReader.Read(Gadget + "---\n" + Crd).Documents;
        var catalog = DefinedKinds.Over(Server, docs);
        var gadget = catalog.Find("k8sps.example.com/v1", "Gadget");
        Assert.NotNull(gadget);
        Assert.False(gadget.Namespaced);
        Assert.Null(catalog.Find("k8sps.example.com/v0", "Gadget")); // not served
        Assert.DoesNotContain(new ManifestLinter().Lint(docs[0], catalog), i => i.RuleId == "K8S002");
    }

    [Fact]
    public void Without_its_CRD_the_kind_is_reported_as_not_served_with_the_fix()
    {
        var docs = ManifestReader.Read(Gadget).Documents;
        var catalog = DefinedKinds.Over(Server, docs);
        Assert.Same(Server, catalog);
        var issue = Assert.Single(new ManifestLinter().Lint(docs[0], catalog), i => i.RuleId == "K8S002");
        Assert.Equal(1, issue.Line);
        Assert.Contains("does not serve kind Gadget in k8sps.example.com/v1", issue.ToString());
        Assert.Contains("install the CRD that defines it", issue.ToString());
    }
}
