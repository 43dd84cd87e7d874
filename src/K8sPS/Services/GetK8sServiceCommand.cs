using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Resources;
using K8sPS.Infrastructure;

namespace K8sPS.Services;

/// <summary>Get-K8sService: kubectl get services.</summary>
[Cmdlet(VerbsCommon.Get, "K8sService", DefaultParameterSetName = NamespaceSet)]
[OutputType(typeof(V1Service))]
public sealed class GetK8sServiceCommand : GetK8sObjectCmdlet
{
    protected override string Kind => "Service";

    protected override async Task<object> GetAsync(string ns, string name, CancellationToken ct)
        => await ServiceOperations.GetAsync(Connection, ns, name, ct).ConfigureAwait(false);

    protected override IAsyncEnumerable<object> ListAsync(string? ns, string? labelSelector, string? fieldSelector, CancellationToken ct)
        => ServiceOperations.ListAsync(Connection, ns, labelSelector, fieldSelector, ct);
}
