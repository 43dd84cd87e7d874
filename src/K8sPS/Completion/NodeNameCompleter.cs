using K8sPS.Engine.Completion;

namespace K8sPS.Completion;

/// <summary>Tab for node names.</summary>
public sealed class NodeNameCompleter : ClusterCompleter
{
    protected override IEnumerable<string> Candidates(CompletionQuery query) => CompletionSource.Nodes(query.Context);
}
