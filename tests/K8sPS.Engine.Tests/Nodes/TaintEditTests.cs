using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Nodes;

namespace K8sPS.Engine.Tests.Nodes;

/// <summary>Add-/Remove-K8sNodeTaint follow kubectl taint (pkg/cmd/taint): its spec syntax, checks, words and patch.</summary>
public class TaintEditTests
{
    private static V1Node Node(params V1Taint[] taints) => new()
    {
        Metadata = new V1ObjectMeta { Name = "n1" },
        Spec = new V1NodeSpec { Taints = taints.Length == 0 ? null : taints.ToList() },
    };

    private static V1Taint T(string key, string? value, string? effect) => new() { Key = key, Value = value, Effect = effect };

    public static TheoryData<string, string> KubectlSpecErrors()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in TestData.Read("kubectl/nodes/taint-spec-errors.tsv").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            data.Add(line[..tab], line[(tab + 1)..]["error: ".Length..]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KubectlSpecErrors))]
    public void Bad_specs_are_refused_with_kubectls_words(string spec, string kubectl)
    {
        var error = Assert.Throws<K8sException>(() => TaintEdit.ParseSpecs([spec])).Error;
        Assert.Equal("InvalidTaint", error.ErrorId);
        Assert.Equal(K8sErrorCategory.InvalidArgument, error.Category);
        Assert.StartsWith(kubectl, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Specs_parse_as_kubectl_reads_them()
    {
        var (add, remove) = TaintEdit.ParseSpecs(["dedicated=gpu:NoSchedule", "spot:PreferNoSchedule", "old-", "gone:NoExecute-"]);
        Assert.Equal(["dedicated=gpu:NoSchedule", "spot:PreferNoSchedule"], add.Select(TaintEdit.Describe));
        Assert.Equal(["old", "gone:NoExecute"], remove.Select(TaintEdit.Describe));
        var dup = Assert.Throws<K8sException>(() => TaintEdit.ParseSpecs(["k=v:NoSchedule", "k=w:NoSchedule"])).Error;
        Assert.StartsWith("duplicated taints with the same key and effect: {k w NoSchedule <nil>}", dup.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parts_are_checked_by_the_same_rules_and_adding_needs_an_effect()
    {
        Assert.Contains("invalid taint key \"bad key\": name part must consist of", Assert.Throws<K8sException>(() => TaintEdit.Validate(T("bad key", null, "NoSchedule"), false)).Error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid taint value \"bad value\": a valid label must", Assert.Throws<K8sException>(() => TaintEdit.Validate(T("k", "bad value", "NoSchedule"), false)).Error.Message, StringComparison.Ordinal);
        Assert.StartsWith("invalid taint effect: Sometimes, unsupported taint effect", Assert.Throws<K8sException>(() => TaintEdit.Validate(T("k", null, "Sometimes"), false)).Error.Message, StringComparison.Ordinal);
        Assert.Contains("an effect is required", Assert.Throws<K8sException>(() => TaintEdit.Validate(T("k", "v", null), false)).Error.Message, StringComparison.Ordinal);
        TaintEdit.Validate(T("k", null, null), removing: true);
    }

    [Fact]
    public void Adding_puts_the_new_taint_first_and_sends_the_whole_list()
    {
        var r = TaintEdit.Add(Node(T("a", null, "NoExecute")), [T("dedicated", "gpu", "NoSchedule")], overwrite: false);
        Assert.Equal("tainted", r.Operation);
        Assert.Equal(["dedicated=gpu:NoSchedule", "a:NoExecute"], r.Taints.Select(TaintEdit.Describe));
        Assert.Equal("""{"spec":{"taints":[{"effect":"NoSchedule","key":"dedicated","value":"gpu"},{"effect":"NoExecute","key":"a"}]}}""", r.Patch!.Json);
        Assert.Equal(V1Patch.PatchType.StrategicMergePatch, r.Patch.Type);
    }

    [Fact]
    public void The_patch_carries_the_version_the_taints_were_read_at()
    {
        // The list is replaced whole: without the version, a taint added since the read would be dropped silently.
        var node = Node(T("a", null, "NoExecute"));
        node.Metadata.ResourceVersion = "4711";
        Assert.Equal("""{"metadata":{"resourceVersion":"4711"},"spec":{"taints":[{"effect":"NoSchedule","key":"b"},{"effect":"NoExecute","key":"a"}]}}""",
            TaintEdit.Add(node, [T("b", null, "NoSchedule")], overwrite: false).Patch!.Json);
        Assert.Equal("""{"metadata":{"resourceVersion":"4711"},"spec":{"taints":null}}""", TaintEdit.Remove(node, [T("a", null, null)]).Patch!.Json);
    }

    [Fact]
    public void The_same_key_and_effect_is_replaced_only_with_overwrite()
    {
        var node = Node(T("dedicated", "gpu", "NoSchedule"));
        var error = Assert.Throws<K8sException>(() => TaintEdit.Add(node, [T("dedicated", "cpu", "NoSchedule")], overwrite: false)).Error;
        Assert.Equal("TaintExists", error.ErrorId);
        Assert.StartsWith("node n1 already has dedicated taint(s) with same effect(s) and -Overwrite is not set", error.Message, StringComparison.Ordinal);

        var r = TaintEdit.Add(node, [T("dedicated", "cpu", "NoSchedule")], overwrite: true);
        Assert.Equal("modified", r.Operation);
        Assert.Equal(["dedicated=cpu:NoSchedule"], r.Taints.Select(TaintEdit.Describe));
        // another effect of the same key is another taint
        Assert.Equal(2, TaintEdit.Add(node, [T("dedicated", "gpu", "NoExecute")], overwrite: false).Taints.Count);
    }

    [Fact]
    public void Removing_by_key_takes_every_effect_and_by_key_and_effect_only_that_one()
    {
        var node = Node(T("k", "v", "NoSchedule"), T("k", null, "NoExecute"), T("other", null, "PreferNoSchedule"));
        Assert.Equal(["other:PreferNoSchedule"], TaintEdit.Remove(node, [T("k", null, null)]).Taints.Select(TaintEdit.Describe));
        var one = TaintEdit.Remove(node, [T("k", null, "NoExecute")]);
        Assert.Equal(["k=v:NoSchedule", "other:PreferNoSchedule"], one.Taints.Select(TaintEdit.Describe));
        Assert.Equal("untainted", one.Operation);
        // the last taint removed: the field goes, as kubectl's patch removes it
        Assert.Equal("""{"spec":{"taints":null}}""", TaintEdit.Remove(Node(T("k", null, "NoSchedule")), [T("k", null, null)]).Patch!.Json);
    }

    [Fact]
    public void Removing_a_taint_the_node_lacks_is_an_error_and_changes_nothing()
    {
        var error = Assert.Throws<K8sException>(() => TaintEdit.Remove(Node(T("k", null, "NoSchedule")), [T("k", null, "NoSchedule"), T("nope", null, "NoExecute")])).Error;
        Assert.Equal("TaintNotFound", error.ErrorId);
        Assert.Equal(K8sErrorCategory.NotFound, error.Category);
        Assert.Contains("taint \"nope:NoExecute\" not found", error.Message, StringComparison.Ordinal);
    }
}
