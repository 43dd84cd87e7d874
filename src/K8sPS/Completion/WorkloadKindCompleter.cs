using K8sPS.Engine.Rollouts;

namespace K8sPS.Completion;

/// <summary>
/// Tab for a rollout command's -Kind: only the kinds kubectl's command takes (set image: anything with a pod
/// template; scale: what has a scale subresource; pause/resume: deployments; the others: deployments, stateful and
/// daemon sets), so Tab never offers a kind the command would refuse. Needs no cluster.
/// </summary>
public sealed class WorkloadKindCompleter : ClusterCompleter
{
    protected override IEnumerable<string> Candidates(CompletionQuery query) => query.CommandName switch
    {
        "Set-K8sImage" => WorkloadKinds.WithPodSpec,
        "Set-K8sScale" => WorkloadKinds.Scalable,
        "Suspend-K8sRollout" or "Resume-K8sRollout" => WorkloadKinds.Pausable,
        _ => WorkloadKinds.Rollout,
    };
}
