using K8sPS.Engine.Completion;

namespace K8sPS.Completion;

/// <summary>Tab for -Kind: every kind the server serves, by plural, singular and short name (deploy, svc, po...).</summary>
public sealed class KindCompleter : ClusterCompleter
{
    protected override IEnumerable<string> Candidates(CompletionQuery query) => CompletionSource.Kinds(query.Context);
}
