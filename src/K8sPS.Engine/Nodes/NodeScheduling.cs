using k8s.Models;
using K8sPS.Engine.Concurrency;
using K8sPS.Engine.Rollouts;

namespace K8sPS.Engine.Nodes;

/// <summary>
/// <c>kubectl cordon</c> and <c>uncordon</c>: the strategic merge patch of spec.unschedulable, or none when the node
/// is already as wanted (kubectl's "already cordoned"). Cordoning keeps the node's pods; it only stops new ones.
/// </summary>
public static class NodeScheduling
{
    /// <summary>The patch that makes the node (un)schedulable; null when it already is.</summary>
    public static PatchRequest? Patch(V1Node node, bool unschedulable)
    {
        ArgumentNullException.ThrowIfNull(node);
        if ((node.Spec?.Unschedulable ?? false) == unschedulable) return null;
        // The field is omitted when false, so kubectl's two-way patch removes it rather than writing false.
        return new PatchRequest(unschedulable ? """{"spec":{"unschedulable":true}}""" : """{"spec":{"unschedulable":null}}""",
            V1Patch.PatchType.StrategicMergePatch);
    }

    /// <summary>kubectl's words for the outcome: cordoned, already cordoned, uncordoned, already uncordoned.</summary>
    public static string Outcome(bool unschedulable, bool changed)
        => (changed ? "" : "already ") + (unschedulable ? "cordoned" : "uncordoned");
}
