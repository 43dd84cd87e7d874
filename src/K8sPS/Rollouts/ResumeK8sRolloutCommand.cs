using System.Management.Automation;
using K8sPS.Engine.Rollouts;

namespace K8sPS.Rollouts;

/// <summary>Resume-K8sRollout: kubectl rollout resume.</summary>
[Cmdlet(VerbsLifecycle.Resume, "K8sRollout", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByNameSet)]
[OutputType(typeof(RolloutChange))]
public sealed class ResumeK8sRolloutCommand : WorkloadCmdlet
{
    protected override IReadOnlyList<string> Kinds => WorkloadKinds.Pausable;

    protected override string Command => "rollout resume";

    protected override async Task ProcessTargetAsync(WorkloadTarget target)
    {
        var workload = await WorkloadClient.GetAsync(Connection.Client, target.Kind, target.Namespace, target.Name, CancellationToken).ConfigureAwait(false);
        var patch = RolloutControl.Resume(workload);
        var (send, dryRun) = await ConfirmAsync(target, "Resume the rollout").ConfigureAwait(false);
        if (!send) return;
        var updated = await WorkloadClient.PatchAsync(Connection.Client, target.Kind, target.Namespace, target.Name, patch, dryRun, CancellationToken).ConfigureAwait(false);
        WriteObjectAsync(Change(target, "resumed", updated, dryRun));
    }
}
