using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Nodes;

namespace K8sPS.Nodes;

/// <summary>
/// Add-K8sNodeTaint: kubectl taint nodes NAME key=value:Effect. A taint of the same key and effect is replaced only
/// with -Overwrite; the taint is checked by kubectl's rules before anything is sent.
/// </summary>
[Cmdlet(VerbsCommon.Add, "K8sNodeTaint", DefaultParameterSetName = KeySet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(V1Node))]
public sealed class AddK8sNodeTaintCommand : ConcurrentNodeCmdlet
{
    private const string KeySet = "Key";
    private const string SpecSet = "Spec";
    private List<V1Taint> _taints = [];

    [Parameter(Mandatory = true, ParameterSetName = KeySet)]
    [ValidateNotNullOrEmpty]
    public string Key { get; set; } = "";

    [Parameter(ParameterSetName = KeySet)]
    [AllowEmptyString]
    public string? Value { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = KeySet)]
    [ValidateSet(TaintEdit.NoSchedule, TaintEdit.PreferNoSchedule, TaintEdit.NoExecute)]
    public string Effect { get; set; } = "";

    /// <summary>Taints in kubectl's syntax: key=value:Effect or key:Effect.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SpecSet)]
    [ValidateNotNullOrEmpty]
    public string[] Taint { get; set; } = [];

    [Parameter]
    public SwitchParameter Overwrite { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override Task BeginProcessingAsync()
    {
        if (ParameterSetName == SpecSet)
        {
            var (add, remove) = TaintEdit.ParseSpecs(Taint);
            if (remove.Count > 0)
                throw new Engine.Errors.K8sException(new Engine.Errors.K8sError("InvalidTaint", Engine.Errors.K8sErrorCategory.InvalidArgument,
                    $"\"{TaintEdit.Describe(remove[0])}-\" removes a taint: use Remove-K8sNodeTaint. Nothing was sent to the cluster."));
            _taints = add.ToList();
        }
        else
        {
            var taint = new V1Taint { Key = Key, Value = string.IsNullOrEmpty(Value) ? null : Value, Effect = Effect };
            TaintEdit.Validate(taint, removing: false);
            _taints = [taint];
        }
        return Task.CompletedTask;
    }

    protected override async Task EditAsync(object node)
    {
        var n = (V1Node)node;
        var name = n.Metadata.Name;
        var edit = TaintEdit.Add(n, _taints, Overwrite);
        if (!edit.Changed)
        {
            WriteVerboseAsync($"node/{name} {edit.Operation}");
            if (PassThru) WriteObjectAsync(n);
            return;
        }
        if (!await ShouldProcessAsync($"node \"{name}\" ({string.Join(", ", _taints.Select(TaintEdit.Describe))})", "Add taint").ConfigureAwait(false)) return;
        var updated = await PatchAsync(name, edit.Patch!).ConfigureAwait(false);
        WriteVerboseAsync($"node/{name} {edit.Operation}");
        if (PassThru) WriteObjectAsync(updated);
    }
}
