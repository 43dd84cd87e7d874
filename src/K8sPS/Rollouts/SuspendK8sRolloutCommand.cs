using System.Management.Automation;
using K8sPS.Engine.Rollouts;

namespace K8sPS.Rollouts;

/// <summary>Suspend-K8sRollout: kubectl rollout pause.</summary>
[Cmdlet(VerbsLifecycle.Suspend, "K8sRollout", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByNameSet)]
[Alias("Pause-K8sRollout")]
[OutputType(typeof(RolloutChange))]
public sealed class SuspendK8sRolloutCommand : WorkloadCmdlet
{
    protected override IReadOnlyList<string> Kinds => WorkloadKinds.Pausable;

    protected override string Command => "rollout pause";

    protected override async Task ProcessTargetAsync(WorkloadTarget target)
    {
        var workload = await WorkloadClient.GetAsync(Connection.Client, target.Kind, target.Namespace, target.Name, CancellationToken).ConfigureAwait(false);
        var patch = RolloutControl.Pause(workload);
        var (send, dryRun) = await ConfirmAsync(target, "Pause the rollout").ConfigureAwait(false);
        if (!send) return;
        var updated = await WorkloadClient.PatchAsync(Connection.Client, target.Kind, target.Namespace, target.Name, patch, dryRun, CancellationToken).ConfigureAwait(false);
        WriteObjectAsync(Change(target, "paused", updated, dryRun));
    }
}
