using K8sPS.Engine.Completion;

namespace K8sPS.Completion;

/// <summary>Tab for -Namespace: the namespaces of the cluster of -Context (or the current context).</summary>
public sealed class NamespaceCompleter : ClusterCompleter
{
    protected override IEnumerable<string> Candidates(CompletionQuery query) => CompletionSource.Namespaces(query.Context);
}
