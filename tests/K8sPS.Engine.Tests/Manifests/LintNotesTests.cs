using K8sPS.Engine.Lint;
using K8sPS.Engine.Manifests;

namespace K8sPS.Engine.Tests.Manifests;

/// <summary>Each lint rule on the notes' own YAML, asserted by rule, line (of the extracted file) and field.</summary>
public class LintNotesTests
{
    private static IReadOnlyList<ManifestIssue> Lint(string file)
    {
        var read = ManifestReader.ReadFile(TestFiles.NotesYaml(file));
        Assert.Empty(read.Errors);
        var linter = new ManifestLinter();
        return read.Documents.SelectMany(d => linter.Lint(d)).ToList();
    }

    private static ManifestIssue Single(IReadOnlyList<ManifestIssue> issues, string ruleId)
    {
        var matching = issues.Where(i => i.RuleId == ruleId).ToList();
        Assert.True(matching.Count == 1, $"expected one {ruleId}, got:\n{string.Join("\n", issues)}");
        return matching[0];
    }

    [Theory]
    [InlineData("P2-1-86.yaml")]
    [InlineData("P2-1-111.yaml")]
    [InlineData("P2-2-170.yaml")]
    [InlineData("P2-2-193.yaml")]
    [InlineData("P2-2-209.yaml")]
    [InlineData("P4-1-402.yaml")]
    [InlineData("P4-1-471.yaml")]
    [InlineData("B-DEPLOY-558.yaml")]
    [InlineData("B-SERVICE-600.yaml")]
    [InlineData("B-READINESS-700.yaml")]
    [InlineData("B-LIFECYCLE-759.yaml")]
    [InlineData("B-SECRETS-821.yaml")]
    [InlineData("A-DISCOVERY-957.yaml")]
    [InlineData("A-CONFIGMAP-999.yaml")]
    [InlineData("A-INGRESS-1034.yaml")]
    [InlineData("A-PROVISION-1123.yaml")]
    [InlineData("A-STATEFULSET-1213.yaml")]
    [InlineData("A-DAEMONSET-1249.yaml")]
    [InlineData("A-AUTOSCALING-1286.yaml")]
    [InlineData("P3-3-359.yaml")]
    [InlineData("P3-3-375.yaml")]
    public void Correct_examples_have_no_issues(string file) => Assert.Empty(Lint(file));

    [Fact]
    public void P2_2_env_item_split_in_two()
    {
        var issues = Lint("P2-2-144.yaml");
        var i = Single(issues, "K8S103");
        Assert.Equal(23, i.Line);
        Assert.Equal("spec.template.spec.containers[0].env[1]", i.Path);
        Assert.Contains("AUTH_ADDRESS", i.Message);
        Assert.Contains("remove the '-' before 'value' at line 23", i.Fix);
        Assert.DoesNotContain(issues, x => x.RuleId == "K8S104");
    }

    [Fact]
    public void B_LABELS_nodeSelector_at_the_top_level()
    {
        var i = Single(Lint("B-LABELS-628.yaml"), "K8S101");
        Assert.Equal(21, i.Line);
        Assert.Equal("nodeSelector", i.Path);
        Assert.Contains("spec.template.spec.nodeSelector", i.Fix);
        Assert.Equal(IssueSeverity.Error, i.Severity);
    }

    [Theory]
    [InlineData("B-LIVENESS-663.yaml", 24, "spec.template.spec.containers[0].livenessProbe.httpGet.port", "'nodejs-port'")]
    [InlineData("B-SECRETS-870.yaml", 23, "spec.template.spec.containers[0].volumeMounts[0].mountPath", "'/etc/creds'")]
    [InlineData("A-DISCOVERY-918.yaml", 24, "spec.template.spec.containers[0].env[0].value", "'database-service'")]
    public void Slash_used_as_a_comment(string file, int line, string path, string meant)
    {
        var i = Single(Lint(file), "K8S201");
        Assert.Equal(line, i.Line);
        Assert.Equal(path, i.Path);
        Assert.Contains("did you mean " + meant, i.Fix);
    }

    [Fact]
    public void A_VOLUMES_required_value_left_as_a_comment()
    {
        var i = Single(Lint("A-VOLUMES-1088.yaml"), "K8S104");
        Assert.Equal(27, i.Line);
        Assert.Equal("spec.template.spec.volumes[0].awsElasticBlockStore.volumeID", i.Path);
        Assert.Contains("# insert AWS EBS volumeID here", i.Message);
    }

    [Fact]
    public void A_PROVISION_list_elided_into_a_map()
    {
        var issues = Lint("A-PROVISION-1150.yaml");
        var i = Single(issues, "K8S102");
        Assert.Equal(15, i.Line);
        Assert.Equal("spec.template.spec.containers", i.Path);
        Assert.Contains("must be a list of Container", i.Message);
        Assert.Contains("line 16", i.Fix);
    }

    [Fact]
    public void A_PROVISION_beta_storage_class_annotation()
    {
        var i = Single(Lint("A-PROVISION-1135.yaml"), "K8S301");
        Assert.Equal(6, i.Line);
        Assert.Contains("spec.storageClassName: standard", i.Fix);
        Assert.Equal(IssueSeverity.Warning, i.Severity);
    }

    [Fact]
    public void A_PODPRESET_removed_kind()
    {
        var i = Single(Lint("A-PODPRESET-1182.yaml"), "K8S002");
        Assert.Equal(1, i.Line);
        Assert.Contains("removed in Kubernetes 1.20", i.Message);
    }

    [Theory]
    [InlineData("P3-1-249.yaml", 18)]
    [InlineData("P3-2-289.yaml", 18)]
    [InlineData("P3-3-328.yaml", 18)]
    public void P3_lastest_tag(string file, int line)
    {
        var i = Single(Lint(file), "K8S302");
        Assert.Equal(line, i.Line);
        Assert.Contains("my-docker-hub/app:latest", i.Fix);
    }
}

/// <summary>Secret values never appear in lint output, which ends up in consoles, logs and CI transcripts.</summary>
public class LintSecretTests
{
    [Fact]
    public void Secret_values_are_never_quoted()
    {
        var doc = ManifestReader.Read("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: hunter2 // old one\n  pin: 1234\n").Documents[0];
        var issues = new ManifestLinter().Lint(doc);
        Assert.Equal(["K8S102", "K8S201"], issues.Select(i => i.RuleId).Order());
        Assert.All(issues, i => Assert.DoesNotContain("hunter2", i.ToString()));
        Assert.All(issues, i => Assert.DoesNotContain("1234", i.ToString()));
    }
}
