using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Resources;
using K8sPS.Infrastructure;

namespace K8sPS.Workloads;

/// <summary>Get-K8sStatefulSet: kubectl get statefulsets.</summary>
[Cmdlet(VerbsCommon.Get, "K8sStatefulSet", DefaultParameterSetName = NamespaceSet)]
[OutputType(typeof(V1StatefulSet))]
public sealed class GetK8sStatefulSetCommand : GetK8sObjectCmdlet
{
    protected override string Kind => "StatefulSet";

    protected override async Task<object> GetAsync(string ns, string name, CancellationToken ct)
        => await StatefulSetOperations.GetAsync(Connection, ns, name, ct).ConfigureAwait(false);

    protected override IAsyncEnumerable<object> ListAsync(string? ns, string? labelSelector, string? fieldSelector, CancellationToken ct)
        => StatefulSetOperations.ListAsync(Connection, ns, labelSelector, fieldSelector, ct);
}
