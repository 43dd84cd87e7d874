using K8sPS.Engine.Api;
using K8sPS.Engine.Apply;
using K8sPS.Engine.Manifests;
using K8sPS.Engine.Resources;

namespace K8sPS.Engine.Tests.Manifests;

/// <summary>
/// -WhatIf on a file that brings a CRD with objects of its kind: a server dry run creates no CRD, so the server cannot
/// judge those objects. They are reported as apply would leave them (created), with a note; kinds nobody defines fail.
/// </summary>
public class WhatIfCrdTests
{
    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.k8sps.example.com
        spec:
          group: k8sps.example.com
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget}
          versions:
          - {name: v1, served: true, storage: true}
        """;

    private const string Widget = "apiVersion: k8sps.example.com/v1\nkind: Widget\nmetadata:\n  name: small\nspec:\n  colour: red\n";
    private const string Sprocket = "apiVersion: k8sps.example.com/v1\nkind: Sprocket\nmetadata:\n  name: s\n";
    private const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n";

    private static readonly ApiCatalog Server = ApiCatalog.FromResources(
        [new ApiResource("", "v1", "ConfigMap", "configmaps", "configmap", true, ["cm"], ["patch"], true)], "1.20.2");

    private static readonly ApplyOptions DryRun = new() { DryRun = true, DefaultNamespace = "ctx-ns" };

    private static (ManifestApplier.Prepared P, ApplyResult? Preview) Decide(string text, ApplyOptions options)
    {
        var docs = ManifestReader.Read(Crd + "\n---\n" + text).Documents;
        var kinds = DefinedKinds.Over(Server, [docs[0]]);
        var p = ManifestApplier.Prepare(docs[1], kinds, options);
        return (p, ManifestApplier.Unjudged(p, Server, options));
    }

    [Fact]
    public void An_object_whose_CRD_comes_in_the_same_input_would_be_created_with_a_note()
    {
        var (p, preview) = Decide(Widget, DryRun);
        Assert.Null(p.Failure);
        Assert.NotNull(preview);
        Assert.Equal(ApplyAction.Created, preview.Action);
        Assert.True(preview.DryRun);
        Assert.Null(preview.Error);
        Assert.Equal("ctx-ns", preview.Namespace);
        Assert.Equal("widget.k8sps.example.com/small created (the server could not dry-run it: its CustomResourceDefinition does not exist yet)", preview.Describe());
    }

    [Fact]
    public void A_kind_no_CRD_of_the_input_defines_still_fails_as_not_served()
    {
        // The lint catches it first (K8S002, which stops the document); without the lint, the apply's own check does.
        var (p, preview) = Decide(Sprocket, DryRun);
        Assert.Equal(ApplyAction.Failed, p.Failure?.Action);
        Assert.Contains("does not serve kind Sprocket in k8sps.example.com/v1", p.Failure?.Error?.FullMessage);
        Assert.Null(preview);
        var (unlinted, _) = Decide(Sprocket, new ApplyOptions { DryRun = true, Lint = false });
        Assert.Equal("KindNotServed", unlinted.Failure?.Error?.ErrorId);
    }

    [Fact]
    public void The_offline_lint_still_runs_on_such_an_object()
    {
        // Lint errors stop the document as in any apply: a custom object without a name is not reported as created.
        var (p, preview) = Decide("apiVersion: k8sps.example.com/v1\nkind: Widget\nmetadata:\n  labels: {a: b}\n", DryRun);
        Assert.NotNull(p.Failure);
        Assert.Equal(ApplyAction.Failed, p.Failure.Action);
        Assert.Null(preview);
    }

    [Fact]
    public void Kinds_the_server_serves_and_real_applies_go_to_the_server()
    {
        Assert.Null(Decide(ConfigMap, DryRun).Preview);
        // Not a dry run: apply waits for the CRD's kind and asks the server.
        Assert.Null(Decide(Widget, new ApplyOptions { DefaultNamespace = "ctx-ns" }).Preview);
    }
}
