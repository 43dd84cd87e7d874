using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Nodes;

namespace K8sPS.Nodes;

/// <summary>
/// Clear-K8sNode (alias Drain-K8sNode): kubectl drain. Cordons the node, then evicts its pods through the Eviction
/// API (PodDisruptionBudgets respected: a refused eviction is retried, with a warning naming the pod it waits for),
/// and waits until they are gone; DaemonSet pods, mirror pods, emptyDir data and unmanaged pods as kubectl's flags say.
/// </summary>
[Cmdlet(VerbsCommon.Clear, "K8sNode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[Alias("Drain-K8sNode")]
[OutputType(typeof(NodeDrainResult))]
public sealed class ClearK8sNodeCommand : NodeTargetCmdlet
{
    /// <summary>kubectl drains one node after another: evicting from several at once could take every replica down.</summary>
    protected override bool OneAtATime => true;

    /// <summary>Evict only the pods that match this label selector (kubectl --pod-selector).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PodSelector { get; set; }

    /// <summary>Leave DaemonSet pods where they are instead of refusing the drain (kubectl --ignore-daemonsets).</summary>
    [Parameter]
    public SwitchParameter IgnoreDaemonSets { get; set; }

    /// <summary>Evict pods with emptyDir volumes too; their data is lost (kubectl --delete-emptydir-data).</summary>
    [Parameter]
    public SwitchParameter DeleteEmptyDirData { get; set; }

    /// <summary>Evict pods no controller manages too: they are not recreated (kubectl --force).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Seconds each pod gets to stop; negative: its own terminationGracePeriodSeconds (kubectl --grace-period).</summary>
    [Parameter]
    public int GracePeriodSeconds { get; set; } = -1;

    /// <summary>Give up after this many seconds; 0: wait as long as it takes (kubectl --timeout).</summary>
    [Parameter]
    [Alias("Timeout")]
    [ValidateRange(0, int.MaxValue)]
    public int TimeoutSeconds { get; set; }

    /// <summary>Delete the pods instead of evicting them: PodDisruptionBudgets are not consulted (kubectl --disable-eviction).</summary>
    [Parameter]
    public SwitchParameter DisableEviction { get; set; }

    private DrainOptions Options => new()
    {
        Force = Force,
        IgnoreDaemonSets = IgnoreDaemonSets,
        DeleteEmptyDirData = DeleteEmptyDirData,
        GracePeriodSeconds = GracePeriodSeconds,
        Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
        PodSelector = PodSelector,
        DisableEviction = DisableEviction,
    };

    protected override async Task EditAsync(object node)
    {
        var n = (V1Node)node;
        var name = n.Metadata.Name;
        var activity = $"Draining node {name}";
        var drainer = new NodeDrainer(Connection, Options, p => Report(activity, p));
        var (proceed, whatIf) = await ShouldProcessWithReasonAsync($"node \"{name}\"", "Drain (cordon, then evict its pods)").ConfigureAwait(false);
        if (!proceed)
        {
            // -WhatIf says what the drain would do, pod by pod, and whether it would be refused, as kubectl --dry-run does.
            if (!whatIf) return;
            var preview = await drainer.PlanAsync(name, CancellationToken).ConfigureAwait(false);
            foreach (var pod in preview.PodsToEvict)
                await ShouldProcessAsync($"pod {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}", DisableEviction ? "Delete" : "Evict").ConfigureAwait(false);
            ThrowIfRefused(preview);
            if (preview.Warnings.Length > 0) WriteWarningAsync(preview.Warnings);
            return;
        }

        if (NodeScheduling.Patch(n, unschedulable: true) is { } cordon)
        {
            await PatchAsync(name, cordon).ConfigureAwait(false);
            WriteVerboseAsync($"node/{name} cordoned");
        }
        else WriteVerboseAsync($"node/{name} already cordoned");

        var plan = await drainer.PlanAsync(name, CancellationToken).ConfigureAwait(false);
        ThrowIfRefused(plan);
        if (plan.Warnings.Length > 0) WriteWarningAsync(plan.Warnings);
        WriteProgressAsync(new ProgressRecord(1, activity, $"0 of {plan.PodsToEvict.Count} pod(s) gone") { PercentComplete = plan.PodsToEvict.Count == 0 ? 100 : 0 });
        try
        {
            var result = await drainer.DrainAsync(plan, CancellationToken).ConfigureAwait(false);
            WriteVerboseAsync($"node/{name} drained");
            WriteObjectAsync(result);
        }
        finally
        {
            WriteProgressAsync(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }

    /// <summary>kubectl refuses the whole drain (after cordoning) when a pod may not go without a switch.</summary>
    private void ThrowIfRefused(DrainPlan plan)
    {
        if (plan.Errors.Count == 0) return;
        throw new K8sException(new K8sError("DrainRefused", K8sErrorCategory.OperationFailed,
            $"unable to drain node \"{plan.Node}\": {string.Join("; ", plan.Errors)}. No pod was evicted.")
        {
            Kind = "Node",
            Name = plan.Node,
            RecommendedAction = "Give the switch the message names (-IgnoreDaemonSets, -DeleteEmptyDirData, -Force) if those pods may go or stay, "
                + "or -PodSelector to drain only some pods. The node stays cordoned, as kubectl drain leaves it: Enable-K8sNodeScheduling undoes that.",
        });
    }

    private void Report(string activity, DrainProgress p)
    {
        switch (p.Step)
        {
            case DrainStep.Waiting:
                WriteWarningAsync(p.Message);
                break;
            case DrainStep.Evicted or DrainStep.Deleted:
                WriteVerboseAsync(p.Message);
                WriteProgressAsync(new ProgressRecord(1, activity, $"{p.Done} of {p.Total} pod(s) gone: {p.Message}") { PercentComplete = p.Total == 0 ? 100 : p.Done * 100 / p.Total });
                break;
            default:
                WriteVerboseAsync(p.Message);
                WriteProgressAsync(new ProgressRecord(1, activity, p.Message) { CurrentOperation = p.Pod });
                break;
        }
    }
}
