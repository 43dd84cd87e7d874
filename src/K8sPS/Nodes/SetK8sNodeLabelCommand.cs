using System.Collections;
using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Labels;
using K8sPS.Infrastructure;

namespace K8sPS.Nodes;

/// <summary>
/// Set-K8sNodeLabel: kubectl label nodes. Adds labels, changes an existing one only with -Overwrite, removes keys;
/// keys and values are checked by the server's rules before anything is sent.
/// </summary>
[Cmdlet(VerbsCommon.Set, "K8sNodeLabel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(V1Node))]
public sealed class SetK8sNodeLabelCommand : ConcurrentNodeCmdlet
{
    private Dictionary<string, string> _set = [];
    private string[] _remove = [];

    /// <summary>Labels to add or change: @{ hardware = 'helloworld-only-node' }.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNull]
    public IDictionary? Label { get; set; }

    /// <summary>Label keys to remove (kubectl's key-).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Remove { get; set; }

    /// <summary>Allow changing the value of a key the node already has (kubectl --overwrite).</summary>
    [Parameter]
    public SwitchParameter Overwrite { get; set; }

    /// <summary>Write each node as the server has it afterwards.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override Task BeginProcessingAsync()
    {
        // Checked once, before any node is read: bad input changes nothing anywhere.
        (_set, _remove) = LabelArguments.Read(Label, Remove);
        return Task.CompletedTask;
    }

    protected override async Task EditAsync(object node)
    {
        var n = (V1Node)node;
        var name = n.Metadata.Name;
        var edit = LabelEdit.Plan("Node", name, n.Metadata.Labels, _set, _remove, Overwrite, n.Metadata.ResourceVersion);
        var go = !edit.Changed || await ShouldProcessAsync($"node \"{name}\" ({LabelArguments.Describe(_set, _remove)})", "Set labels").ConfigureAwait(false);
        var updated = go && edit.Changed ? await PatchAsync(name, edit.Patch!).ConfigureAwait(false) : n;
        // Written once the patch went through, so an attempt that meets a conflict (and runs again) says nothing twice.
        foreach (var key in edit.MissingKeys) WriteWarningAsync($"node/{name}: label \"{key}\" not found.");
        if (!go) return;
        WriteVerboseAsync($"node/{name} {(edit.Changed ? "labeled" : "not labeled")}");
        if (PassThru) WriteObjectAsync(updated);
    }
}
