using K8sPS.Engine.Rollouts;

namespace K8sPS.Completion;

/// <summary>Tab for the -Kind of a rollout, image or scale command: the kinds that command takes (no cluster needed).</summary>
public sealed class WorkloadKindCompleter : ClusterCompleter
{
    protected override IEnumerable<string> Candidates(CompletionQuery query)
    {
        var kinds = query.CommandName switch
        {
            "Set-K8sScale" or "Scale-K8sResource" => WorkloadKinds.Scalable,
            "Set-K8sImage" => WorkloadKinds.WithPodSpec,
            "Suspend-K8sRollout" or "Pause-K8sRollout" or "Resume-K8sRollout" => WorkloadKinds.Pausable,
            _ => WorkloadKinds.Rollout,
        };
        return kinds.Select(k => k.ToLowerInvariant());
    }
}
