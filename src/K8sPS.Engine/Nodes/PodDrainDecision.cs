using k8s.Models;

namespace K8sPS.Engine.Nodes;

/// <summary>What kubectl's drain filters decided for a pod: go on (Okay), leave it quietly (Skip), go on or leave it with a warning, or refuse the drain (Error).</summary>
public enum DrainVerdict { Okay, Skip, Warning, Error }

/// <summary>One pod of the node and what draining does with it: <see cref="Delete"/> says whether it is evicted.</summary>
public sealed record PodDrainDecision(V1Pod Pod, DrainVerdict Verdict, bool Delete, string? Message)
{
    /// <summary>namespace/name, as kubectl lists pods in its messages.</summary>
    public string PodName => $"{Pod.Metadata?.NamespaceProperty}/{Pod.Metadata?.Name}";
}
