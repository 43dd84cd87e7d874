using K8sPS.Engine.Completion;

namespace K8sPS.Completion;

/// <summary>Tab for rollout revisions (-ToRevision, -Revision) of the workload named by -Name.</summary>
public sealed class RevisionCompleter : ClusterCompleter
{
    protected override IEnumerable<string> Candidates(CompletionQuery query) =>
        query.Name is { } name ? CompletionSource.Revisions(query.Context, query.Kind ?? "deployments", query.Namespace, name) : [];
}
