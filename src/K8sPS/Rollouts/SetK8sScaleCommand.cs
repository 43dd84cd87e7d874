using System.Globalization;
using System.Management.Automation;
using K8sPS.Engine.Rollouts;

namespace K8sPS.Rollouts;

/// <summary>
/// Set-K8sScale: kubectl scale. "Scale" is the subresource it sets (deployments/web/scale), so Get-Command *Scale*
/// finds it; Scale-K8sResource is the kubectl-shaped alias.
/// </summary>
[Cmdlet(VerbsCommon.Set, "K8sScale", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByNameSet)]
[Alias("Scale-K8sResource")]
[OutputType(typeof(RolloutChange))]
public sealed class SetK8sScaleCommand : WorkloadCmdlet
{
    [Parameter(Mandatory = true)]
    [ValidateRange(0, int.MaxValue)]
    public int Replicas { get; set; }

    /// <summary>kubectl --current-replicas: scale only if the count is this now.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? CurrentReplicas { get; set; }

    /// <summary>kubectl --resource-version: scale only if the scale subresource has this resourceVersion now.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ResourceVersion { get; set; }

    protected override IReadOnlyList<string> Kinds => WorkloadKinds.Scalable;

    protected override string Command => "scale";

    /// <summary>With -CurrentReplicas or -ResourceVersion a 409 is the precondition failing, as kubectl reports it.</summary>
    protected override bool RetriesConflicts => CurrentReplicas is null && ResourceVersion is null;

    protected override async Task ProcessTargetAsync(WorkloadTarget target)
    {
        var replicas = Replicas.ToString(CultureInfo.InvariantCulture);
        var (send, dryRun) = await ConfirmAsync(target, $"Scale to {replicas} replicas").ConfigureAwait(false);
        if (!send) return;
        var precondition = new ScalePrecondition(CurrentReplicas, ResourceVersion);
        var scale = await Scaling.ScaleAsync(Connection.Client, target.Kind, target.Name, target.Namespace, Replicas, precondition, dryRun, CancellationToken).ConfigureAwait(false);
        WriteObjectAsync(Change(target, "scaled", scale, dryRun, $"replicas: {replicas}"));
    }
}
