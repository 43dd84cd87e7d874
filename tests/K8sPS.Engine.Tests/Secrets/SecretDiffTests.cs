using System.Text;
using System.Text.RegularExpressions;
using k8s.Models;
using K8sPS.Engine.Secrets;
using K8sPS.Engine.Tests.Manifests;

namespace K8sPS.Engine.Tests.Secrets;

/// <summary>What a change of a Secret shows: keys, masked as kubectl diff (1.32) masks them (TestData/kubectl/diff).</summary>
public partial class SecretDiffTests
{
    private static V1Secret Secret(params (string Key, string Value)[] data) => new()
    {
        Metadata = new V1ObjectMeta { Name = "masked" },
        Data = data.ToDictionary(p => p.Key, p => Encoding.UTF8.GetBytes(p.Value)),
    };

    [Fact]
    public void The_masks_are_kubectls_for_kept_changed_added_and_unchanged_keys()
    {
        // kubectl's live and merged objects of TestData/kubectl/diff/secret-masked.diff.
        var live = Secret(("keep", "same"), ("change", "old"), ("remove", "gone"));
        var merged = Secret(("add", "fresh"), ("change", "new"), ("keep", "same"), ("remove", "gone"));
        var (before, after) = KubectlMasks();

        var changes = SecretDiff.Compare(live, merged);
        Assert.Equal(before, changes.Where(c => c.Before is not null).ToDictionary(c => c.Key, c => c.Before!));
        Assert.Equal(after, changes.Where(c => c.After is not null).ToDictionary(c => c.Key, c => c.After!));
    }

    [Fact]
    public void Describe_names_the_keys_by_change_and_never_a_value()
    {
        var before = Secret(("a", "one"), ("b", "two-secret"), ("k", "kept-secret"));
        var after = Secret(("b", "changed-secret"), ("c", "new-secret"), ("k", "kept-secret"));
        var text = SecretDiff.Describe(before, after);
        Assert.Equal("add c; change b; remove a; keep k (values ***, as kubectl diff masks them)", text);
        foreach (var value in new[] { "one", "two-secret", "changed-secret", "new-secret", "kept-secret" })
            Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        foreach (var change in SecretDiff.Compare(before, after))
            Assert.DoesNotContain("secret", change.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_change_is_named_since_the_server_refuses_it_and_stringData_counts_as_the_value()
    {
        var before = Secret(("a", "x"));
        var after = new V1Secret { Type = "kubernetes.io/basic-auth", StringData = new Dictionary<string, string> { ["a"] = "x" } };
        Assert.Equal("keep a; type Opaque -> kubernetes.io/basic-auth (the server refuses a type change) (values ***, as kubectl diff masks them)", SecretDiff.Describe(before, after));
        Assert.Equal([new SecretKeyChange("a", "***", "***")], SecretDiff.Compare(null, after).Select(c => c with { Before = "***" }));
        Assert.True(SecretDiff.Compare(null, after).Single().Added);
    }

    private static (Dictionary<string, string> Before, Dictionary<string, string> After) KubectlMasks()
    {
        var lines = File.ReadAllLines(Path.Combine(TestFiles.RepoRoot, "tests", "K8sPS.Engine.Tests", "TestData", "kubectl", "diff", "secret-masked.diff"));
        var before = new Dictionary<string, string>();
        var after = new Dictionary<string, string>();
        foreach (var line in lines)
        {
            var m = DataLine().Match(line);
            if (!m.Success) continue;
            var (side, key, mask) = (m.Groups["side"].Value, m.Groups["key"].Value, m.Groups["mask"].Value);
            if (side != "+") before[key] = mask;
            if (side != "-") after[key] = mask;
        }
        return (before, after);
    }

    [GeneratedRegex(@"^(?<side>[-+ ])  (?<key>[^:\s]+): '(?<mask>\*\*\*(?: \((?:before|after)\))?)'$")]
    private static partial Regex DataLine();
}
