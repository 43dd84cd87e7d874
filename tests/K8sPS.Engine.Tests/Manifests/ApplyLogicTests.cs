using System.Text.Json.Nodes;
using K8sPS.Engine.Api;
using K8sPS.Engine.Apply;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Manifests;

namespace K8sPS.Engine.Tests.Manifests;

/// <summary>The parts of apply that need no server: namespaces, order, change detection, error lines, kind names.</summary>
public class ApplyLogicTests
{
    private static readonly ApplyOptions Defaults = new() { DefaultNamespace = "ctx-ns" };

    [Theory]
    [InlineData("doc-ns", null, "doc-ns")]
    [InlineData(null, "given", "given")]
    [InlineData(null, null, "ctx-ns")]
    [InlineData("same", "same", "same")]
    public void Namespace_from_the_document_else_the_parameter_else_the_context(string? own, string? given, string expected)
    {
        var (ns, error) = ManifestApplier.NamespaceFor(own, true, new ApplyOptions { Namespace = given, DefaultNamespace = "ctx-ns" });
        Assert.Null(error);
        Assert.Equal(expected, ns);
    }

    [Fact]
    public void A_conflicting_namespace_is_an_error_and_cluster_scoped_kinds_take_none()
    {
        Assert.Contains("does not match", ManifestApplier.NamespaceFor("a", true, new ApplyOptions { Namespace = "b" }).Error);
        Assert.Equal((null, null), ManifestApplier.NamespaceFor("a", false, Defaults));
    }

    [Fact]
    public void Namespaces_and_CRDs_go_first_the_rest_in_input_order()
    {
        var text = string.Join("---\n",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n",
            "apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: c\n",
            "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: crontabs.stable.example.com\n",
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n",
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n");
        var docs = ManifestReader.Read(text).Documents;
        var (first, rest) = ManifestApplier.Tiers(docs);
        Assert.Equal(["Namespace", "CustomResourceDefinition"], first.Select(i => docs[i].Kind));
        Assert.Equal(["ConfigMap", "CronTab", "Service"], rest.Select(i => docs[i].Kind));
    }

    [Fact]
    public void A_namespace_that_is_no_string_is_refused_by_file_and_line_without_lint_and_dropped_for_cluster_scoped_kinds()
    {
        var catalog = ApiCatalog.FromResources(
        [
            new("", "v1", "ConfigMap", "configmaps", "configmap", true, ["cm"], ["get", "patch"], true),
            new("", "v1", "Namespace", "namespaces", "namespace", false, ["ns"], ["get", "patch"], true),
        ]);
        var docs = ManifestReader.Read(string.Join("---\n",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: 7\n",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\n  namespace: [x]\n",
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: own\n  namespace: true\n"), "m.yaml").Documents;
        var noLint = new ApplyOptions { Lint = false, DefaultNamespace = "ctx-ns" };
        var number = ManifestApplier.Prepare(docs[0], catalog, noLint).Failure?.Error;
        Assert.Equal("InvalidNamespace", number?.ErrorId);
        Assert.Equal("m.yaml:5: ConfigMap/c: metadata.namespace must be a string, not 7.", number?.Message);
        Assert.Equal("InvalidNamespace", ManifestApplier.Prepare(docs[1], catalog, noLint).Failure?.Error?.ErrorId);
        var cluster = ManifestApplier.Prepare(docs[2], catalog, noLint);
        Assert.Null(cluster.Failure);
        Assert.Null(cluster.Body!["metadata"]!["namespace"]);
    }

    [Fact]
    public void Unchanged_when_only_ownership_resourceVersion_or_status_differ()
    {
        var before = JsonNode.Parse("""{"metadata":{"name":"a","resourceVersion":"1","managedFields":[]},"data":{"x":"1"},"status":{"a":1}}""")!.AsObject();
        var owned = JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","resourceVersion":"2","managedFields":[{"manager":"k8sps"}]},"data":{"x":"1"}}""")!.AsObject();
        var changed = JsonNode.Parse("""{"metadata":{"name":"a","resourceVersion":"2"},"data":{"x":"2"}}""")!.AsObject();
        Assert.True(ManifestApplier.Same(before, owned));
        Assert.False(ManifestApplier.Same(before, changed));
    }

    [Fact]
    public void The_same_resourceVersion_is_unchanged_except_in_a_dry_run()
    {
        // A list item (no kind) against the apply's answer: the server did not write, so nothing is compared.
        var before = JsonNode.Parse("""{"metadata":{"name":"a","resourceVersion":"7"},"data":{"x":"1"}}""")!.AsObject();
        var answer = JsonNode.Parse("""{"kind":"ConfigMap","metadata":{"name":"a","resourceVersion":"7"},"data":{"x":"2"}}""")!.AsObject();
        Assert.True(ManifestApplier.Same(before, answer));
        // A dry run answers with the old resourceVersion whatever it would change: there the content decides.
        Assert.False(ManifestApplier.Same(before, answer, dryRun: true));
    }

    [Fact]
    public void Unchanged_when_only_someone_elses_write_came_between_the_read_and_the_apply()
    {
        // The deployment controller's revision annotation written after our read: the applied fields did not change.
        const string owned = """[{"manager":"k8sps","operation":"Apply","fieldsV1":{"f:spec":{"f:replicas":{}}}}]""";
        var before = JsonNode.Parse($$$"""{"metadata":{"name":"d","resourceVersion":"5","managedFields":{{{owned}}}},"spec":{"replicas":2}}""")!.AsObject();
        var after = JsonNode.Parse($$$"""{"metadata":{"name":"d","resourceVersion":"6","annotations":{"deployment.kubernetes.io/revision":"1"},"managedFields":{{{owned}}}},"spec":{"replicas":2}}""")!.AsObject();
        var sent = JsonNode.Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"replicas":2}}""");
        Assert.False(ManifestApplier.Same(before, after));
        Assert.True(ManifestApplier.Same(before, after, sent, "k8sps"));

        // A value sent that differs, or a field this manager no longer sends, is a change.
        var scaled = JsonNode.Parse($$$"""{"metadata":{"name":"d","resourceVersion":"6","managedFields":{{{owned}}}},"spec":{"replicas":3}}""")!.AsObject();
        Assert.False(ManifestApplier.Same(before, scaled, JsonNode.Parse("""{"metadata":{"name":"d"},"spec":{"replicas":3}}"""), "k8sps"));
        var released = JsonNode.Parse("""{"metadata":{"name":"d","resourceVersion":"6","managedFields":[{"manager":"k8sps","operation":"Apply","fieldsV1":{"f:metadata":{}}}],"annotations":{"a":"b"}},"spec":{}}""")!.AsObject();
        Assert.False(ManifestApplier.Same(before, released, JsonNode.Parse("""{"metadata":{"name":"d"}}"""), "k8sps"));
    }

    [Fact]
    public void Server_causes_point_at_file_lines()
    {
        var doc = ManifestReader.ReadFile(TestFiles.NotesYaml("B-LIVENESS-663.yaml")).Documents[0];
        var error = new K8sError("Invalid", K8sErrorCategory.InvalidArgument, "Deployment.apps \"helloworld-deployment\" is invalid")
        {
            Causes = [new K8sErrorCause("spec.template.spec.containers[0].livenessProbe.httpGet.port", "FieldValueInvalid", "Invalid value")],
        };
        var withLines = ManifestApplier.WithLines(error, doc, conflict: false);
        Assert.EndsWith("B-LIVENESS-663.yaml:24)", withLines.Causes[0].Message);
        Assert.Contains("B-LIVENESS-663.yaml:1: Deployment/helloworld-deployment", withLines.Message);
        Assert.Contains("-Force", ManifestApplier.WithLines(error, doc, conflict: true).Message);
    }

    [Fact]
    public void An_undeclared_custom_resource_field_points_at_its_line()
    {
        var doc = ManifestReader.Read("apiVersion: k8sps.example.com/v1\nkind: Widget\nmetadata:\n  name: odd\nspec:\n  size: 2\n  color: green\n").Documents[0];
        var server = ErrorMapper.FromStatus(500, """{"kind":"Status","status":"Failure","message":"failed to create typed patch object: .spec.color: field not declared in schema","code":500}""");
        var error = ManifestApplier.WithLines(server, doc, conflict: false);
        Assert.Equal("UnknownField", error.ErrorId);
        Assert.Contains("<text>:1: Widget/odd", error.Message);
        Assert.Contains("spec.color: unknown field 'color': the schema has no such field (<text>:7)", error.FullMessage);
    }

    [Theory]
    [InlineData("deploy", "Deployment")]
    [InlineData("deployments.apps", "Deployment")]
    [InlineData("svc", "Service")]
    [InlineData("po", "Pod")]
    [InlineData("cm", "ConfigMap")]
    [InlineData("pvc", "PersistentVolumeClaim")]
    [InlineData("Deployment", "Deployment")]
    [InlineData("events", "Event")]
    public void Kinds_resolve_by_kubectl_names(string name, string kind)
    {
        var catalog = ApiCatalog.FromResources(
        [
            new("", "v1", "Pod", "pods", "pod", true, ["po"], ["get", "patch"], true),
            new("", "v1", "Service", "services", "service", true, ["svc"], ["get", "patch"], true),
            new("", "v1", "ConfigMap", "configmaps", "configmap", true, ["cm"], ["get", "patch"], true),
            new("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", "persistentvolumeclaim", true, ["pvc"], ["get"], true),
            new("", "v1", "Event", "events", "event", true, ["ev"], ["get"], true),
            new("events.k8s.io", "v1", "Event", "events", "event", true, ["ev"], ["get"], true),
            new("apps", "v1", "Deployment", "deployments", "deployment", true, ["deploy"], ["get", "patch"], true),
        ]);
        var r = catalog.Resolve(name);
        Assert.NotNull(r);
        Assert.Equal(kind, r.Kind);
        if (name == "events") Assert.Equal("", r.Group); // the core group wins, as in kubectl
    }
}
