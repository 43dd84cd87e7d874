using k8s.Models;
using K8sPS.Engine.Concurrency;
using K8sPS.Engine.Nodes;

namespace K8sPS.Engine.Tests.Nodes;

/// <summary>Cordon and uncordon send kubectl's patches, and nothing when the node is already so.</summary>
public class NodeSchedulingTests
{
    private static V1Node Node(bool? unschedulable) => new() { Metadata = new V1ObjectMeta { Name = "n1" }, Spec = new V1NodeSpec { Unschedulable = unschedulable } };

    [Fact]
    public void Cordon_sets_unschedulable_and_uncordon_removes_the_field()
    {
        Assert.Equal("""{"spec":{"unschedulable":true}}""", NodeScheduling.Patch(Node(null), true)!.Json);
        Assert.Equal("""{"spec":{"unschedulable":null}}""", NodeScheduling.Patch(Node(true), false)!.Json);
        Assert.Equal(V1Patch.PatchType.StrategicMergePatch, NodeScheduling.Patch(Node(false), true)!.Type);
    }

    [Fact]
    public void A_node_already_so_needs_no_patch_and_kubectl_says_already()
    {
        Assert.Null(NodeScheduling.Patch(Node(true), true));
        Assert.Null(NodeScheduling.Patch(Node(null), false));
        Assert.Equal("already cordoned", NodeScheduling.Outcome(true, changed: false));
        Assert.Equal("uncordoned", NodeScheduling.Outcome(false, changed: true));
    }
}

