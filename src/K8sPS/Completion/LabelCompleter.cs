using K8sPS.Engine.Completion;

namespace K8sPS.Completion;

/// <summary>
/// Tab for label selectors and label keys: the keys, and key=value pairs, of the labels on the command's kind
/// (nodes for node commands). After a comma, completes the next term of the selector.
/// </summary>
public sealed class LabelCompleter : ClusterCompleter
{
    protected override IEnumerable<string> Candidates(CompletionQuery query)
    {
        var labels = CompletionSource.Labels(query.Context, query.Kind ?? "pods", query.Namespace);
        var comma = query.Prefix.LastIndexOf(',');
        if (comma < 0) return labels;
        var done = query.Prefix[..(comma + 1)];
        return labels.Select(l => done + l);
    }
}
