using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Concurrency;
using K8sPS.Engine.Nodes;

namespace K8sPS.Nodes;

/// <summary>Disable-K8sNodeScheduling (alias Cordon-K8sNode): Marks nodes unschedulable (kubectl cordon): the scheduler puts no new pod on them; the pods they run stay.</summary>
[Cmdlet(VerbsLifecycle.Disable, "K8sNodeScheduling", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[Alias("Cordon-K8sNode")]
[OutputType(typeof(V1Node))]
public sealed class DisableK8sNodeSchedulingCommand : ConcurrentNodeCmdlet
{
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override async Task EditAsync(object node)
    {
        var n = (V1Node)node;
        var name = n.Metadata.Name;
        var patch = NodeScheduling.Patch(n, unschedulable: true);
        if (patch is null)
        {
            WriteVerboseAsync($"node/{name} {NodeScheduling.Outcome(true, changed: false)}");
            if (PassThru) WriteObjectAsync(n);
            return;
        }
        if (!await ShouldProcessAsync($"node \"{name}\"", "Cordon").ConfigureAwait(false)) return;
        var updated = await PatchAsync(name, patch).ConfigureAwait(false);
        WriteVerboseAsync($"node/{name} {NodeScheduling.Outcome(true, changed: true)}");
        if (PassThru) WriteObjectAsync(updated);
    }
}
