using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Concurrency;
using K8sPS.Engine.Nodes;

namespace K8sPS.Nodes;

/// <summary>Enable-K8sNodeScheduling (alias Uncordon-K8sNode): Makes nodes schedulable again (kubectl uncordon).</summary>
[Cmdlet(VerbsLifecycle.Enable, "K8sNodeScheduling", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[Alias("Uncordon-K8sNode")]
[OutputType(typeof(V1Node))]
public sealed class EnableK8sNodeSchedulingCommand : ConcurrentNodeCmdlet
{
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override async Task EditAsync(object node)
    {
        var n = (V1Node)node;
        var name = n.Metadata.Name;
        var patch = NodeScheduling.Patch(n, unschedulable: false);
        if (patch is null)
        {
            WriteVerboseAsync($"node/{name} {NodeScheduling.Outcome(false, changed: false)}");
            if (PassThru) WriteObjectAsync(n);
            return;
        }
        if (!await ShouldProcessAsync($"node \"{name}\"", "Uncordon").ConfigureAwait(false)) return;
        var updated = await PatchAsync(name, patch).ConfigureAwait(false);
        WriteVerboseAsync($"node/{name} {NodeScheduling.Outcome(false, changed: true)}");
        if (PassThru) WriteObjectAsync(updated);
    }
}
