using k8s.Models;
using K8sPS.Engine.Editing;
using K8sPS.Engine.Labels;
using K8sPS.Engine.Nodes;
using K8sPS.Engine.Rollouts;

namespace K8sPS.Engine.Tests.Nodes;

/// <summary>The patches K8sPS sends are, byte for byte, those kubectl 1.32 sent for the same change (TestData/kubectl/nodes/patches.tsv).</summary>
public class KubectlPatchTests
{
    private static readonly Dictionary<string, (string ContentType, string Body)> Kubectl =
        TestData.Read("kubectl/nodes/patches.tsv").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\t')).ToDictionary(p => p[0], p => (p[1], p[2]));

    private static V1Node Node() => new() { Metadata = new V1ObjectMeta { Name = "nodes-m03", Labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = "nodes-m03" } }, Spec = new V1NodeSpec() };

    private static void Same(string command, K8sPS.Engine.Rollouts.PatchRequest? ours)
    {
        Assert.NotNull(ours);
        var (contentType, body) = Kubectl[command];
        Assert.Equal(body, ours.Json);
        Assert.Equal(contentType, ours.Type == V1Patch.PatchType.MergePatch ? "application/merge-patch+json" : "application/strategic-merge-patch+json");
    }

    [Fact]
    public void Label_taint_cordon_and_uncordon_send_kubectls_bytes()
    {
        var node = Node();
        Same("label capture=x", LabelEdit.Plan("Node", "nodes-m03", node.Metadata.Labels, new Dictionary<string, string> { ["capture"] = "x" }, [], false).Patch);
        node.Metadata.Labels["capture"] = "x";
        Same("label capture-", LabelEdit.Plan("Node", "nodes-m03", node.Metadata.Labels, new Dictionary<string, string>(), ["capture"], false).Patch);
        var tainted = TaintEdit.Add(node, [new V1Taint { Key = "cap", Value = "v", Effect = "NoSchedule" }], false);
        Same("taint cap=v:NoSchedule", tainted.Patch);
        node.Spec.Taints = tainted.Taints.ToList();
        Same("taint cap-", TaintEdit.Remove(node, [new V1Taint { Key = "cap" }]).Patch);
        Same("cordon", NodeScheduling.Patch(node, true));
        node.Spec.Unschedulable = true;
        Same("uncordon", NodeScheduling.Patch(node, false));
    }
}
