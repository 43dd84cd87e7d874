using System.Management.Automation;
using K8sPS.Engine.Rollouts;

namespace K8sPS.Rollouts;

/// <summary>Restart-K8sRollout: kubectl rollout restart.</summary>
[Cmdlet(VerbsLifecycle.Restart, "K8sRollout", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByNameSet)]
[OutputType(typeof(RolloutChange))]
public sealed class RestartK8sRolloutCommand : WorkloadCmdlet
{
    protected override IReadOnlyList<string> Kinds => WorkloadKinds.Rollout;

    protected override string Command => "rollout restart";

    protected override async Task ProcessTargetAsync(WorkloadTarget target)
    {
        var workload = await WorkloadClient.GetAsync(Connection.Client, target.Kind, target.Namespace, target.Name, CancellationToken).ConfigureAwait(false);
        var patch = RolloutControl.Restart(workload, DateTimeOffset.Now);
        var (send, dryRun) = await ConfirmAsync(target, "Restart (replace every pod)").ConfigureAwait(false);
        if (!send) return;
        var updated = await WorkloadClient.PatchAsync(Connection.Client, target.Kind, target.Namespace, target.Name, patch, dryRun, CancellationToken).ConfigureAwait(false);
        WriteObjectAsync(Change(target, "restarted", updated, dryRun));
    }
}
