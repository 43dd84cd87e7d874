using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Resources;
using K8sPS.Infrastructure;

namespace K8sPS.Storage;

/// <summary>Get-K8sStorageClass: kubectl get storageclass.</summary>
[Cmdlet(VerbsCommon.Get, "K8sStorageClass")]
[OutputType(typeof(V1StorageClass))]
public sealed class GetK8sStorageClassCommand : GetK8sClusterObjectCmdlet
{
    protected override string Kind => "StorageClass";

    protected override async Task<object> GetAsync(string name, CancellationToken ct)
        => await StorageClassOperations.GetAsync(Connection, name, ct).ConfigureAwait(false);

    protected override IAsyncEnumerable<object> ListAsync(string? labelSelector, string? fieldSelector, CancellationToken ct)
        => StorageClassOperations.ListAsync(Connection, labelSelector, fieldSelector, ct);
}
