using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Resources;
using K8sPS.Infrastructure;

namespace K8sPS.Workloads;

/// <summary>Get-K8sReplicaSet: kubectl get replicasets.</summary>
[Cmdlet(VerbsCommon.Get, "K8sReplicaSet", DefaultParameterSetName = NamespaceSet)]
[OutputType(typeof(V1ReplicaSet))]
public sealed class GetK8sReplicaSetCommand : GetK8sObjectCmdlet
{
    protected override string Kind => "ReplicaSet";

    protected override async Task<object> GetAsync(string ns, string name, CancellationToken ct)
        => await ReplicaSetOperations.GetAsync(Connection, ns, name, ct).ConfigureAwait(false);

    protected override IAsyncEnumerable<object> ListAsync(string? ns, string? labelSelector, string? fieldSelector, CancellationToken ct)
        => ReplicaSetOperations.ListAsync(Connection, ns, labelSelector, fieldSelector, ct);
}
