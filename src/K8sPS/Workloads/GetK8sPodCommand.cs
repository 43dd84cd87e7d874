using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Resources;
using K8sPS.Infrastructure;

namespace K8sPS.Workloads;

/// <summary>Get-K8sPod: kubectl get pods.</summary>
[Cmdlet(VerbsCommon.Get, "K8sPod", DefaultParameterSetName = NamespaceSet)]
[OutputType(typeof(V1Pod))]
public sealed class GetK8sPodCommand : GetK8sObjectCmdlet
{
    protected override string Kind => "Pod";

    protected override async Task<object> GetAsync(string ns, string name, CancellationToken ct)
        => await PodOperations.GetAsync(Connection, ns, name, ct).ConfigureAwait(false);

    protected override IAsyncEnumerable<object> ListAsync(string? ns, string? labelSelector, string? fieldSelector, CancellationToken ct)
        => PodOperations.ListAsync(Connection, ns, labelSelector, fieldSelector, ct);
}
