using k8s.Models;
using K8sPS.Engine.Rollouts;

namespace K8sPS.Engine.Nodes;

/// <summary>
/// A taint edit of one node: kubectl's word for it ("tainted", "modified", "untainted"), the node's taints
/// afterwards, and the strategic merge patch to send (null when the list does not change).
/// </summary>
public sealed record TaintEditResult(string Operation, IReadOnlyList<V1Taint> Taints, PatchRequest? Patch)
{
    public bool Changed => Patch is not null;
}
