using System.Management.Automation;
using System.Text.Json.Nodes;
using K8sPS.Engine.Manifests;

namespace K8sPS.Manifests;

/// <summary>
/// <para type="synopsis">Writes objects as JSON exactly as `kubectl get -o json` prints them.</para>
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "K8sJson")]
[OutputType(typeof(string))]
public sealed class ConvertToK8sJsonCommand : PSCmdlet
{
    private readonly List<JsonNode?> _items = [];

    /// <summary>K8sPS objects, ConvertFrom-K8sYaml or ConvertFrom-Json output, hashtables. Several print as a List, as kubectl does.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    /// <summary>Keep metadata.managedFields, which kubectl hides unless --show-managed-fields.</summary>
    [Parameter]
    public SwitchParameter ShowManagedFields { get; set; }

    protected override void ProcessRecord()
    {
        if (InputObject is null) return;
        try
        {
            var content = ManifestObjects.ToDocument(InputObject).Content;
            if (!ShowManagedFields) KubeFormat.HideManagedFields(content);
            _items.Add(content);
        }
        catch (Exception e) when (e is ArgumentException or System.Text.Json.JsonException)
        {
            WriteError(new ErrorRecord(e, "NotConvertible", ErrorCategory.InvalidData, InputObject));
        }
    }

    protected override void EndProcessing()
    {
        if (_items.Count == 0) return;
        WriteObject(KubeFormat.ToJson(_items.Count == 1 ? _items[0] : KubeFormat.AsList(_items)));
    }
}
