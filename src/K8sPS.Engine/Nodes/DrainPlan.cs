using k8s.Models;

namespace K8sPS.Engine.Nodes;

/// <summary>
/// The drain of one node as planned before anything is evicted: every pod with its decision, the pods to evict,
/// kubectl's warning line and its errors (a drain with errors evicts nothing).
/// </summary>
public sealed class DrainPlan
{
    public DrainPlan(string node, IReadOnlyList<PodDrainDecision> decisions)
    {
        Node = node;
        Decisions = decisions;
    }

    public string Node { get; }

    public IReadOnlyList<PodDrainDecision> Decisions { get; }

    /// <summary>The pods to evict, in the order they were listed.</summary>
    public IReadOnlyList<V1Pod> PodsToEvict => Decisions.Where(d => d.Delete).Select(d => d.Pod).ToList();

    /// <summary>Pods left on the node on purpose: DaemonSet pods (with -IgnoreDaemonSets) and mirror pods.</summary>
    public IReadOnlyList<string> Ignored => Decisions.Where(d => !d.Delete && d.Verdict != DrainVerdict.Error).Select(d => d.PodName).ToList();

    /// <summary>kubectl's "WARNING: " text: each message with the pods it concerns, joined by "; ". Empty when none.</summary>
    public string Warnings => string.Join("; ", Grouped(DrainVerdict.Warning).Select(g => $"{g.Message}: {string.Join(", ", g.Pods)}"));

    /// <summary>kubectl's refusals: "cannot delete &lt;why&gt;: ns/pod, ns/pod", one per reason.</summary>
    public IReadOnlyList<string> Errors => Grouped(DrainVerdict.Error).Select(g => $"cannot delete {g.Message}: {string.Join(", ", g.Pods)}").ToList();

    private IEnumerable<(string Message, List<string> Pods)> Grouped(DrainVerdict verdict)
        => Decisions.Where(d => d.Verdict == verdict)
            .GroupBy(d => string.IsNullOrEmpty(d.Message) ? "unexpected error" : d.Message, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(d => d.PodName).ToList()));
}
