using K8sPS.Engine.Api;

namespace K8sPS.Completion;

/// <summary>Tab for kinds KubernetesClient has a model for (ConvertTo-K8sObject, Test-K8sObject): no cluster needed.</summary>
public sealed class ModelKindCompleter : ClusterCompleter
{
    protected override IEnumerable<string> Candidates(CompletionQuery query) => KindRegistry.Kinds;
}
