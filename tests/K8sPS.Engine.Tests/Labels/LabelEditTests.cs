using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using K8sPS.Engine.Editing;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Labels;

namespace K8sPS.Engine.Tests.Labels;

/// <summary>Set-K8sNodeLabel's rules and results follow kubectl label 1.32 (TestData/kubectl/nodes, captured offline).</summary>
public class LabelEditTests
{
    private static V1Node Node() => KubernetesJson.Deserialize<V1Node>(TestData.Read("kubectl/nodes/node.json"));

    private static Dictionary<string, string> Labels(string kubectlJson)
        => JsonNode.Parse(kubectlJson)!["metadata"]!["labels"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());

    private static LabelEditResult Plan(Dictionary<string, string> set, string[] remove, bool overwrite)
    {
        LabelEdit.Validate(set, remove);
        return LabelEdit.Plan("Node", "n1", Node().Metadata.Labels, set, remove, overwrite);
    }

    public static TheoryData<string, string> KubectlValueChecks()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in TestData.Read("kubectl/nodes/label-value-errors.tsv").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            data.Add(line[..tab], line[(tab + 1)..]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KubectlValueChecks))]
    public void Values_are_checked_by_kubectls_rule_in_its_words(string value, string kubectl)
    {
        var set = new Dictionary<string, string> { ["k"] = value };
        if (kubectl == "OK")
        {
            LabelEdit.Validate(set, []);
            return;
        }
        var error = Assert.Throws<K8sException>(() => LabelEdit.Validate(set, [])).Error;
        Assert.Equal("InvalidLabel", error.ErrorId);
        Assert.Equal(K8sErrorCategory.InvalidArgument, error.Category);
        Assert.StartsWith(kubectl["error: ".Length..], error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> KubectlKeyChecks()
    {
        // kubectl taint checks keys with the rule the server applies to label keys: "invalid taint spec: <spec>, <rule>".
        var data = new TheoryData<string, string>();
        foreach (var line in TestData.Read("kubectl/nodes/taint-spec-errors.tsv").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var spec = line[..tab];
            var message = line[(tab + 1)..];
            var prefix = $"error: invalid taint spec: {spec}, ";
            if (!message.StartsWith(prefix, StringComparison.Ordinal) || message.Contains("a valid label", StringComparison.Ordinal)) continue;
            // kubectl's key: before the effect and the value; a spec without ':' is all key.
            var key = spec.Contains(':', StringComparison.Ordinal) ? spec[..spec.IndexOf(':', StringComparison.Ordinal)].Split('=')[0] : spec;
            data.Add(key, message[prefix.Length..]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KubectlKeyChecks))]
    public void Keys_are_checked_by_the_qualified_name_rule_in_its_words(string key, string rule)
    {
        var error = Assert.Throws<K8sException>(() => LabelEdit.Validate(new Dictionary<string, string> { [key] = "v" }, [])).Error;
        Assert.Equal("InvalidLabel", error.ErrorId);
        Assert.Contains($"invalid label key \"{key}\": {rule}", error.Message, StringComparison.Ordinal);
        // the same rule for a key to remove: nothing with a bad key is sent
        Assert.Throws<K8sException>(() => LabelEdit.Validate(new Dictionary<string, string>(), [key]));
    }

    [Fact]
    public void Adding_a_label_gives_kubectls_labels_and_a_merge_patch_of_that_key_only()
    {
        var r = Plan(new() { ["hardware"] = "helloworld-only-node" }, [], overwrite: false);
        Assert.Equal(Labels(TestData.Read("kubectl/nodes/label-add.json")), r.Labels);
        Assert.Equal("""{"metadata":{"labels":{"hardware":"helloworld-only-node"}}}""", r.Patch!.Json);
        Assert.Equal(V1Patch.PatchType.MergePatch, r.Patch.Type);
    }

    [Fact]
    public void An_existing_key_changes_only_with_overwrite_and_the_error_says_so()
    {
        var error = Assert.Throws<K8sException>(() => Plan(new() { ["disktype"] = "ssd" }, [], overwrite: false)).Error;
        var kubectl = TestData.Read("kubectl/nodes/label-exists.stderr").Trim()["error: ".Length..];
        Assert.Equal("LabelExists", error.ErrorId);
        Assert.Equal(K8sErrorCategory.AlreadyExists, error.Category);
        // kubectl's sentence, with our switch's name for its flag
        Assert.Contains(kubectl.Replace("--overwrite is false", "-Overwrite is not set", StringComparison.Ordinal), error.Message, StringComparison.Ordinal);
        Assert.Contains("-Overwrite", error.RecommendedAction, StringComparison.Ordinal);
        // one existing key refuses the whole edit, as in kubectl
        Assert.Throws<K8sException>(() => Plan(new() { ["disktype"] = "ssd", ["hardware"] = "x" }, [], overwrite: false));

        var r = Plan(new() { ["disktype"] = "ssd" }, [], overwrite: true);
        Assert.Equal(Labels(TestData.Read("kubectl/nodes/label-overwrite.json")), r.Labels);
        Assert.Equal("""{"metadata":{"labels":{"disktype":"ssd"}}}""", r.Patch!.Json);
    }

    [Fact]
    public void Several_existing_keys_are_refused_a_line_each_as_kubectl_writes_them()
    {
        var current = new Dictionary<string, string> { ["a"] = "1", ["b"] = "1", ["c"] = "1" };
        var set = new Dictionary<string, string> { ["b"] = "2", ["a"] = "2", ["c"] = "1" };
        var error = Assert.Throws<K8sException>(() => LabelEdit.Plan("ConfigMap", "web", current, set, [], overwrite: false)).Error;
        // kubectl 1.32 here: 'a' already has a value (1), and --overwrite is false, then the same for 'b', a line each.
        Assert.Equal(
            ["configmap \"web\": 'a' already has a value (1), and -Overwrite is not set", "configmap \"web\": 'b' already has a value (1), and -Overwrite is not set"],
            error.Message.Split('\n'));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_value_a_key_already_has_changes_nothing_and_sends_nothing_with_or_without_overwrite(bool overwrite)
    {
        // kubectl 1.32 refuses only another value without --overwrite: the same one is "not labeled".
        var r = Plan(new() { ["disktype"] = "hdd" }, [], overwrite);
        Assert.False(r.Changed);
        Assert.Null(r.Patch);
        Assert.Equal(Labels(TestData.Read("kubectl/nodes/label-same-value.json")), r.Labels);
        // beside a new key, only the new key is sent
        var both = Plan(new() { ["disktype"] = "hdd", ["hardware"] = "x" }, [], overwrite);
        Assert.Equal("""{"metadata":{"labels":{"hardware":"x"}}}""", both.Patch!.Json);
    }

    [Fact]
    public void Removing_sends_null_for_the_key_and_a_missing_key_is_a_notice_not_an_error()
    {
        var r = Plan(new() { ["hardware"] = "x" }, ["disktype"], overwrite: false);
        Assert.Equal(Labels(TestData.Read("kubectl/nodes/label-remove-and-add.json")), r.Labels);
        Assert.Equal("""{"metadata":{"labels":{"disktype":null,"hardware":"x"}}}""", r.Patch!.Json);

        var missing = Plan([], ["nothere"], overwrite: false);
        Assert.Equal(["nothere"], missing.MissingKeys);
        Assert.Null(missing.Patch);
        Assert.Equal(Labels(TestData.Read("kubectl/nodes/label-remove-missing.json")), missing.Labels);
    }

    [Fact]
    public void Setting_and_removing_one_key_or_asking_for_nothing_is_refused()
    {
        var both = Assert.Throws<K8sException>(() => LabelEdit.Validate(new Dictionary<string, string> { ["k"] = "v" }, ["k"])).Error;
        Assert.StartsWith("can not both modify and remove a label in the same command", both.Message, StringComparison.Ordinal);
        var none = Assert.Throws<K8sException>(() => LabelEdit.Validate(new Dictionary<string, string>(), [])).Error;
        Assert.StartsWith("at least one label update is required", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_version_the_labels_were_read_at_goes_in_the_patch_so_a_change_since_is_a_conflict()
    {
        var set = new Dictionary<string, string> { ["hardware"] = "x" };
        var r = LabelEdit.Plan("Node", "n1", Node().Metadata.Labels, set, [], overwrite: false, resourceVersion: "4711");
        // kubectl label --resource-version 4711's patch: the keys of a Go map sorted.
        Assert.Equal("""{"metadata":{"labels":{"hardware":"x"},"resourceVersion":"4711"}}""", r.Patch!.Json);
        // Nothing to change is nothing sent, with a version or without.
        var (key, value) = Node().Metadata.Labels.First();
        Assert.Null(LabelEdit.Plan("Node", "n1", Node().Metadata.Labels, new Dictionary<string, string> { [key] = value }, [], overwrite: false, resourceVersion: "4711").Patch);
    }
}
