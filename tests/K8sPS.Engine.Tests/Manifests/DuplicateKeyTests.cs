using K8sPS.Engine.Api;
using K8sPS.Engine.Apply;
using K8sPS.Engine.Lint;
using K8sPS.Engine.Manifests;

namespace K8sPS.Engine.Tests.Manifests;

/// <summary>
/// A key written twice: read as kubectl reads it (the last value wins), refused by lint (K8sPS is stricter on purpose,
/// and says so with what kubectl would do and the switch that sends it anyway), sent as kubectl would with -SkipLint.
/// </summary>
public class DuplicateKeyTests
{
    private const string Yaml = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          labels:
            app: web
        data:
          mode: fast
          level: "1"
          mode: safe
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: ConfigMap
          metadata:
            name: listed
            name: listed-last
        """;

    private static readonly ApiCatalog Catalog = ApiCatalog.FromResources([new("", "v1", "ConfigMap", "configmaps", "configmap", true, ["cm"], ["get", "patch"], true)], "1.20.2");

    [Fact]
    public void The_last_value_is_kept_as_kubectl_keeps_it_and_both_lines_are_remembered()
    {
        var read = ManifestReader.Read(Yaml, "dup.yaml");
        Assert.Empty(read.Errors);
        var doc = read.Documents[0];
        Assert.Equal("safe", doc.Object!["data"]!["mode"]!.GetValue<string>());
        Assert.Equal(["mode", "level"], doc.Object["data"]!.AsObject().Select(p => p.Key));
        var d = Assert.Single(doc.DuplicateKeys);
        Assert.Equal(new DuplicateKey("data.mode", "mode", 10, 8), d);
        Assert.Equal(10, doc.LineOf("data.mode"));

        var item = read.Documents[1].Expand().Single();
        Assert.Equal("listed-last", item.Name);
        Assert.Equal(new DuplicateKey("metadata.name", "name", 19, 18), Assert.Single(item.DuplicateKeys));
    }

    [Fact]
    public void Lint_refuses_it_with_both_lines()
    {
        var doc = ManifestReader.Read(Yaml, "dup.yaml").Documents[0];
        var issue = Assert.Single(new ManifestLinter().Lint(doc), i => i.RuleId == "K8S105");
        Assert.Equal(IssueSeverity.Error, issue.Severity);
        Assert.Equal(10, issue.Line);
        Assert.Contains("'mode' is written twice in the same map (lines 8 and 10)", issue.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_says_it_is_stricter_than_kubectl_what_kubectl_does_and_which_switch_sends_it()
    {
        var doc = ManifestReader.Read(Yaml, "dup.yaml").Documents[0];
        var refused = ManifestApplier.Prepare(doc, Catalog, new ApplyOptions());
        Assert.NotNull(refused.Failure);
        var message = refused.Failure.Error!.Message;
        Assert.StartsWith("dup.yaml:1: ConfigMap/settings was not applied:", message, StringComparison.Ordinal);
        Assert.Contains("dup.yaml:10: error K8S105", message, StringComparison.Ordinal);
        Assert.Contains("stricter here than kubectl on purpose: kubectl apply reads only the last of the repeated keys", message, StringComparison.Ordinal);
        Assert.Contains("-SkipLint", message, StringComparison.Ordinal);

        var sent = ManifestApplier.Prepare(doc, Catalog, new ApplyOptions { Lint = false });
        Assert.Null(sent.Failure);
        Assert.Equal("safe", sent.Body!["data"]!["mode"]!.GetValue<string>());
    }

    [Fact]
    public void A_refusal_kubectl_shares_gets_no_such_note()
    {
        var doc = ManifestReader.Read("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  lables: {a: b}\n", "typo.yaml").Documents[0];
        var refused = ManifestApplier.Prepare(doc, Catalog, new ApplyOptions());
        Assert.Contains("K8S101", refused.Failure!.Error!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("-SkipLint", refused.Failure.Error.Message, StringComparison.Ordinal);
    }
}
