using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Nodes;

namespace K8sPS.Nodes;

/// <summary>
/// Remove-K8sNodeTaint: kubectl taint nodes NAME key:Effect- (or key-, every effect of the key). A taint the node
/// does not have is that node's error, and then nothing of it changes.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "K8sNodeTaint", DefaultParameterSetName = KeySet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(V1Node))]
public sealed class RemoveK8sNodeTaintCommand : ConcurrentNodeCmdlet
{
    private const string KeySet = "Key";
    private const string SpecSet = "Spec";
    private List<V1Taint> _taints = [];

    [Parameter(Mandatory = true, ParameterSetName = KeySet)]
    [ValidateNotNullOrEmpty]
    public string Key { get; set; } = "";

    /// <summary>Only the taint of this effect; without it, every taint of the key.</summary>
    [Parameter(ParameterSetName = KeySet)]
    [ValidateSet(TaintEdit.NoSchedule, TaintEdit.PreferNoSchedule, TaintEdit.NoExecute)]
    public string? Effect { get; set; }

    /// <summary>Taints in kubectl's syntax, with or without its trailing '-': key, key:Effect.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SpecSet)]
    [ValidateNotNullOrEmpty]
    public string[] Taint { get; set; } = [];

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override Task BeginProcessingAsync()
    {
        if (ParameterSetName == SpecSet)
            _taints = TaintEdit.ParseSpecs(Taint.Select(t => t.EndsWith('-') ? t : t + "-")).Remove.ToList();
        else
        {
            var taint = new V1Taint { Key = Key, Effect = Effect };
            TaintEdit.Validate(taint, removing: true);
            _taints = [taint];
        }
        return Task.CompletedTask;
    }

    protected override async Task EditAsync(object node)
    {
        var n = (V1Node)node;
        var name = n.Metadata.Name;
        var edit = TaintEdit.Remove(n, _taints);
        if (!await ShouldProcessAsync($"node \"{name}\" ({string.Join(", ", _taints.Select(TaintEdit.Describe))})", "Remove taint").ConfigureAwait(false)) return;
        var updated = await PatchAsync(name, edit.Patch!).ConfigureAwait(false);
        WriteVerboseAsync($"node/{name} {edit.Operation}");
        if (PassThru) WriteObjectAsync(updated);
    }
}
