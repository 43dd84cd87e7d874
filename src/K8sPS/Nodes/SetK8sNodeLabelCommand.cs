using System.Collections;
using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Labels;

namespace K8sPS.Nodes;

/// <summary>
/// Set-K8sNodeLabel: kubectl label nodes. Adds labels, changes an existing one only with -Overwrite, removes keys;
/// keys and values are checked by the server's rules before anything is sent.
/// </summary>
[Cmdlet(VerbsCommon.Set, "K8sNodeLabel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(V1Node))]
public sealed class SetK8sNodeLabelCommand : NodeTargetCmdlet
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
        _set = [];
        foreach (DictionaryEntry e in Label ?? new Hashtable())
        {
            var key = LanguagePrimitives.ConvertTo<string>(e.Key);
            if (e.Value is null)
                throw new K8sException(new K8sError("InvalidLabel", K8sErrorCategory.InvalidArgument,
                    $"the value of label \"{key}\" is null. Nothing was sent to the cluster.") { RecommendedAction = $"Give a value (it may be ''), or use -Remove {key} to remove the label." });
            _set[key] = LanguagePrimitives.ConvertTo<string>(e.Value);
        }
        _remove = Remove ?? [];
        LabelEdit.Validate(_set, _remove);
        return Task.CompletedTask;
    }

    protected override async Task EditAsync(object node)
    {
        var n = (V1Node)node;
        var name = n.Metadata.Name;
        var edit = LabelEdit.Plan("Node", name, n.Metadata.Labels, _set, _remove, Overwrite);
        foreach (var key in edit.MissingKeys) WriteWarningAsync($"node/{name}: label \"{key}\" not found.");
        if (!edit.Changed)
        {
            WriteVerboseAsync($"node/{name} not labeled");
            if (PassThru) WriteObjectAsync(n);
            return;
        }
        var change = string.Join(", ", _set.Select(p => $"{p.Key}={p.Value}").Concat(_remove.Select(k => k + "-")));
        if (!await ShouldProcessAsync($"node \"{name}\" ({change})", "Set labels").ConfigureAwait(false)) return;
        var updated = await PatchAsync(name, edit.Patch!).ConfigureAwait(false);
        WriteVerboseAsync($"node/{name} labeled");
        if (PassThru) WriteObjectAsync(updated);
    }
}
