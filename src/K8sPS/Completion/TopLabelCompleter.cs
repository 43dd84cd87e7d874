using System.Management.Automation;
using K8sPS.Engine.Completion;

namespace K8sPS.Completion;

/// <summary>Tab for Get-K8sTop's -Selector: label keys and key=value pairs of the nodes or pods it would show.</summary>
public sealed class TopLabelCompleter : ClusterCompleter
{
    protected override IEnumerable<string> Candidates(CompletionQuery query)
    {
        var labels = CompletionSource.Labels(query.Context, IsAboutNodes(query) ? "nodes" : "pods", IsAboutNodes(query) ? null : query.Namespace);
        var comma = query.Prefix.LastIndexOf(',');
        if (comma < 0) return labels;
        var done = query.Prefix[..(comma + 1)];
        return labels.Select(l => done + l);
    }

    /// <summary>True when -Resource (typed or positional) says nodes, in any of kubectl's words.</summary>
    internal static bool IsAboutNodes(CompletionQuery query)
    {
        if (!query.Bound.Contains("Resource")) return false;
        var value = query.Bound["Resource"] is PSObject p ? p.BaseObject : query.Bound["Resource"];
        return value?.ToString()?.Trim().ToLowerInvariant() is "nodes" or "node" or "no";
    }
}
