using System.Management.Automation;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Manifests;
using K8sPS.Infrastructure;
using K8sPS.Objects;
using System.Text.Json.Nodes;

namespace K8sPS.Manifests;

/// <summary>
/// What ConvertTo-K8sJson and ConvertTo-K8sYaml share: collect the piped objects as kubectl would print
/// them (managedFields hidden unless asked), then write one text, a List when there are several.
/// The two differ only in <see cref="Render"/>.
/// </summary>
public abstract class ConvertToK8sTextCmdlet : PSCmdlet
{
    private readonly List<JsonNode?> _items = [];

    /// <summary>K8sPS objects, ConvertFrom-K8sYaml or ConvertFrom-Json output, hashtables. Several print as a List, as kubectl does.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    /// <summary>Keep metadata.managedFields, which kubectl hides unless --show-managed-fields.</summary>
    [Parameter]
    public SwitchParameter ShowManagedFields { get; set; }

    /// <summary>The text of one object, or of the List of several.</summary>
    protected abstract string Render(JsonNode? content);

    protected sealed override void ProcessRecord()
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
            WriteError(K8sErrorRecords.From(new K8sError("NotConvertible", K8sErrorCategory.InvalidArgument, $"Cannot convert the input to a Kubernetes object: {e.Message}"), InputObject));
        }
    }

    protected sealed override void EndProcessing()
    {
        if (_items.Count == 0) return;
        WriteObject(Render(_items.Count == 1 ? _items[0] : KubeFormat.AsList(_items)));
    }
}
