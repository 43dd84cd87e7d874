using K8sPS.Engine.Completion;
using K8sPS.Engine.Metrics;

namespace K8sPS.Completion;

/// <summary>
/// Tab for what an HPA scales: names of the -Kind typed (deployments when none) in -Namespace; after "TYPE/",
/// names of that type, as kubectl autoscale deployment/web.
/// </summary>
public sealed class ScaleTargetCompleter : ClusterCompleter
{
    protected override IEnumerable<string> Candidates(CompletionQuery query)
    {
        var slash = query.Prefix.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            var kind = ScaleTarget.KindOf(query.Prefix[..slash]);
            return kind is null ? [] : CompletionSource.Names(query.Context, kind.ToLowerInvariant(), query.Namespace).Select(n => query.Prefix[..(slash + 1)] + n);
        }
        var typed = query.Bound.Contains("Kind") ? ScaleTarget.KindOf(query.Bound["Kind"]?.ToString()) : null;
        return CompletionSource.Names(query.Context, (typed ?? "Deployment").ToLowerInvariant(), query.Namespace);
    }
}
