using K8sPS.Engine.Completion;

namespace K8sPS.Completion;

/// <summary>Tab for names: objects of the command's kind (or -Kind) in -Namespace (or the context's), on -Context's cluster.</summary>
public sealed class ResourceNameCompleter : ClusterCompleter
{
    protected override IEnumerable<string> Candidates(CompletionQuery query) =>
        query.Kind is { } kind ? CompletionSource.Names(query.Context, kind, query.Namespace) : [];
}
