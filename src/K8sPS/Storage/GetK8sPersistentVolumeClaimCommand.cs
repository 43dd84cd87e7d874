using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Resources;
using K8sPS.Infrastructure;

namespace K8sPS.Storage;

/// <summary>Get-K8sPersistentVolumeClaim: kubectl get pvc.</summary>
[Cmdlet(VerbsCommon.Get, "K8sPersistentVolumeClaim", DefaultParameterSetName = NamespaceSet)]
[OutputType(typeof(V1PersistentVolumeClaim))]
public sealed class GetK8sPersistentVolumeClaimCommand : GetK8sObjectCmdlet
{
    protected override string Kind => "PersistentVolumeClaim";

    protected override async Task<object> GetAsync(string ns, string name, CancellationToken ct)
        => await PersistentVolumeClaimOperations.GetAsync(Connection, ns, name, ct).ConfigureAwait(false);

    protected override IAsyncEnumerable<object> ListAsync(string? ns, string? labelSelector, string? fieldSelector, CancellationToken ct)
        => PersistentVolumeClaimOperations.ListAsync(Connection, ns, labelSelector, fieldSelector, ct);
}
