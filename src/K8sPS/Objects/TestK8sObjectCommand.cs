using System.Management.Automation;
using K8sPS.Completion;
using K8sPS.Engine.Api;
using k8s;

namespace K8sPS.Objects;

/// <summary>
/// Test-K8sObject: is the input a Kubernetes object (of -Kind)? True for K8sPS output and for
/// ConvertFrom-Json objects alike; the stand-in for `-is [k8s.Models.V1Pod]`, which scripts cannot write.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "K8sObject")]
[OutputType(typeof(bool))]
public sealed class TestK8sObjectCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    /// <summary>The kind to test for (Pod, Deployment...); none: any kind.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ModelKindCompleter))]
    public string? Kind { get; set; }

    /// <summary>True only for KubernetesClient objects (K8sPS output), not for plain JSON objects.</summary>
    [Parameter]
    public SwitchParameter Typed { get; set; }

    protected override void ProcessRecord()
    {
        string? kind = InputObject?.BaseObject switch
        {
            null => null,
            IKubernetesObject typed => typed.Kind ?? KindRegistry.KindOf(typed.GetType()),
            _ when Typed => null,
            _ => (InputObject.Properties["kind"]?.Value as string) is { } k && InputObject.Properties["apiVersion"]?.Value is string ? k : null,
        };
        WriteObject(kind is not null && (Kind is null || string.Equals(kind, Kind, StringComparison.OrdinalIgnoreCase)));
    }
}
