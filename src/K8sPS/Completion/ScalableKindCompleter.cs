using K8sPS.Engine.Metrics;

namespace K8sPS.Completion;

/// <summary>Tab for the kind an HPA scales: the kinds with a scale subresource (no cluster needed).</summary>
public sealed class ScalableKindCompleter : ClusterCompleter
{
    protected override IEnumerable<string> Candidates(CompletionQuery query) => ScaleTarget.Kinds;
}
