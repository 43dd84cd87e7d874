using K8sPS.Engine.Completion;

namespace K8sPS.Completion;

/// <summary>Tab for container names: those of the pod or workload named by -Name (its init containers too).</summary>
public sealed class ContainerNameCompleter : ClusterCompleter
{
    protected override IEnumerable<string> Candidates(CompletionQuery query) =>
        query.Kind is { } kind && query.Name is { } name ? CompletionSource.Containers(query.Context, kind, query.Namespace, name) : [];
}
