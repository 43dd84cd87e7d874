using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Resources;
using K8sPS.Infrastructure;

namespace K8sPS.Storage;

/// <summary>Get-K8sPersistentVolume: kubectl get pv.</summary>
[Cmdlet(VerbsCommon.Get, "K8sPersistentVolume")]
[OutputType(typeof(V1PersistentVolume))]
public sealed class GetK8sPersistentVolumeCommand : GetK8sClusterObjectCmdlet
{
    protected override string Kind => "PersistentVolume";

    protected override async Task<object> GetAsync(string name, CancellationToken ct)
        => await PersistentVolumeOperations.GetAsync(Connection, name, ct).ConfigureAwait(false);

    protected override IAsyncEnumerable<object> ListAsync(string? labelSelector, string? fieldSelector, CancellationToken ct)
        => PersistentVolumeOperations.ListAsync(Connection, labelSelector, fieldSelector, ct);
}
