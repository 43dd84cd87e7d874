using K8sPS.Engine.Completion;

namespace K8sPS.Completion;

/// <summary>Tab for Get-K8sTop's names: nodes after "nodes" (or -Resource Nodes), else pods of -Namespace (or the context's).</summary>
public sealed class TopNameCompleter : ClusterCompleter
{
    protected override IEnumerable<string> Candidates(CompletionQuery query) =>
        TopLabelCompleter.IsAboutNodes(query) ? CompletionSource.Nodes(query.Context) : CompletionSource.Names(query.Context, "pods", query.Namespace);
}
