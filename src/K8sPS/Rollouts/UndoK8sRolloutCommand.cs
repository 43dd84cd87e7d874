using System.Globalization;
using System.Management.Automation;
using K8sPS.Engine.Rollouts;
using K8sPS.Completion;

namespace K8sPS.Rollouts;

/// <summary>Undo-K8sRollout: kubectl rollout undo.</summary>
[Cmdlet(VerbsCommon.Undo, "K8sRollout", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByNameSet)]
[OutputType(typeof(RolloutChange))]
public sealed class UndoK8sRolloutCommand : WorkloadCmdlet
{
    /// <summary>kubectl --to-revision; 0 (the default): the revision before the current one.</summary>
    [Parameter]
    [ValidateRange(0, long.MaxValue)]
    [ArgumentCompleter(typeof(RevisionCompleter))]
    public long ToRevision { get; set; }

    protected override IReadOnlyList<string> Kinds => WorkloadKinds.Rollout;

    protected override string Command => "rollout undo";

    protected override async Task ProcessTargetAsync(WorkloadTarget target)
    {
        var workload = await WorkloadClient.GetAsync(Connection.Client, target.Kind, target.Namespace, target.Name, CancellationToken).ConfigureAwait(false);
        var plan = await WorkloadClient.PlanRollbackAsync(Connection.Client, workload, ToRevision, CancellationToken).ConfigureAwait(false);
        var revision = plan.ToRevision.ToString(CultureInfo.InvariantCulture);
        var images = string.Join(", ", RolloutRevisionImages(plan.Template));
        if (plan.Skipped)
        {
            WriteObjectAsync(Change(target, plan.Message, workload, dryRun: false, $"revision {revision}: {images}"));
            return;
        }
        var (send, dryRun) = await ConfirmAsync(target, $"Roll back to revision {revision} ({images})").ConfigureAwait(false);
        if (!send) return;
        var updated = await WorkloadClient.PatchAsync(Connection.Client, target.Kind, target.Namespace, target.Name, plan.Patch!, dryRun, CancellationToken).ConfigureAwait(false);
        WriteObjectAsync(Change(target, plan.Message, updated, dryRun, $"to revision {revision}: {images}"));
    }

    private static IEnumerable<string> RolloutRevisionImages(k8s.Models.V1PodTemplateSpec template)
        => (template.Spec?.InitContainers ?? []).Concat(template.Spec?.Containers ?? []).Select(c => $"{c.Name}={c.Image}");
}
