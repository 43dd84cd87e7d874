using System.Management.Automation;
using K8sPS.Completion;
using K8sPS.Engine.Api;
using K8sPS.Engine.Errors;
using K8sPS.Infrastructure;
using k8s;

namespace K8sPS.Objects;

/// <summary>
/// ConvertTo-K8sObject: turns `kubectl get -o json | ConvertFrom-Json` output, a hashtable, or JSON
/// text into the KubernetesClient object K8sPS cmdlets output (V1Pod...). Scripts cannot write
/// [k8s.Models.V1Pod] (the types live in the module's private load context): this is their converter.
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "K8sObject")]
[OutputType(typeof(IKubernetesObject))]
public sealed class ConvertToK8sObjectCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    /// <summary>The kind, for input that does not say (no 'kind' member).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ModelKindCompleter))]
    public string? Kind { get; set; }

    protected override void ProcessRecord()
    {
        if (InputObject?.BaseObject is null) return;
        try
        {
            switch (InputObject.BaseObject)
            {
                case IKubernetesObject typed:
                    WriteObject(typed);
                    return;
                case string text:
                    WriteObject(KindRegistry.FromJson(text, Kind));
                    return;
                default:
                    // A kubectl List: one object per item.
                    if (InputObject.Properties["items"]?.Value is object items and not string && InputObject.Properties["kind"]?.Value is string listKind && listKind.EndsWith("List", StringComparison.Ordinal))
                    {
                        foreach (var item in LanguagePrimitives.GetEnumerable(items) ?? Array.Empty<object>())
                            WriteObject(KindRegistry.FromJson(PSObjectJson.Serialize(item), Kind));
                        return;
                    }
                    WriteObject(KindRegistry.FromJson(PSObjectJson.Serialize(InputObject), Kind));
                    return;
            }
        }
        catch (Exception e) when (e is ArgumentException or System.Text.Json.JsonException or System.Reflection.TargetInvocationException)
        {
            var inner = e is System.Reflection.TargetInvocationException { InnerException: { } i } ? i : e;
            WriteError(K8sErrorRecords.From(new K8sError("NotConvertible", K8sErrorCategory.InvalidArgument, $"Cannot convert the input to a Kubernetes object: {inner.Message}"), InputObject));
        }
    }
}
