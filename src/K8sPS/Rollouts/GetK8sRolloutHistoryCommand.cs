using System.Management.Automation;
using K8sPS.Engine.Rollouts;
using K8sPS.Completion;

namespace K8sPS.Rollouts;

/// <summary>Get-K8sRolloutHistory: kubectl rollout history.</summary>
[Cmdlet(VerbsCommon.Get, "K8sRolloutHistory", DefaultParameterSetName = ByNameSet)]
[OutputType(typeof(RolloutRevision))]
public sealed class GetK8sRolloutHistoryCommand : WorkloadCmdlet
{
    /// <summary>kubectl --revision: that revision's pod template.</summary>
    [Parameter]
    [ValidateRange(1, long.MaxValue)]
    [ArgumentCompleter(typeof(RevisionCompleter))]
    public long? Revision { get; set; }

    protected override IReadOnlyList<string> Kinds => WorkloadKinds.Rollout;

    protected override string Command => "rollout history";

    protected override async Task ProcessTargetAsync(WorkloadTarget target)
    {
        var workload = await WorkloadClient.GetAsync(Connection.Client, target.Kind, target.Namespace, target.Name, CancellationToken).ConfigureAwait(false);
        var history = await WorkloadClient.HistoryAsync(Connection.Client, workload, CancellationToken).ConfigureAwait(false);
        var owner = $"{WorkloadKinds.TypeName(target.Kind)}/{target.Name}";
        if (Revision is long revision)
        {
            var found = RolloutHistory.Find(history, revision, workload as k8s.Models.IMetadata<k8s.Models.V1ObjectMeta>);
            var template = PSObject.AsPSObject(found.Template);
            template.Properties.Add(new PSNoteProperty("Workload", owner));
            template.Properties.Add(new PSNoteProperty("Revision", found.Revision));
            WriteObjectAsync(template);
            return;
        }
        if (history.Count == 0) WriteVerboseAsync($"{owner}: {RolloutHistory.NoHistoryText}");
        foreach (var r in history)
        {
            // The workload rides along so several workloads' histories print grouped, as kubectl prints each under its name.
            var item = PSObject.AsPSObject(r);
            item.Properties.Add(new PSNoteProperty("Workload", owner));
            item.Properties.Add(new PSNoteProperty("Namespace", target.Namespace));
            WriteObjectAsync(item);
        }
    }
}
