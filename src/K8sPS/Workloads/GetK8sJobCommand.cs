using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Resources;
using K8sPS.Infrastructure;

namespace K8sPS.Workloads;

/// <summary>Get-K8sJob: kubectl get jobs.</summary>
[Cmdlet(VerbsCommon.Get, "K8sJob", DefaultParameterSetName = NamespaceSet)]
[OutputType(typeof(V1Job))]
public sealed class GetK8sJobCommand : GetK8sObjectCmdlet
{
    protected override string Kind => "Job";

    protected override async Task<object> GetAsync(string ns, string name, CancellationToken ct)
        => await JobOperations.GetAsync(Connection, ns, name, ct).ConfigureAwait(false);

    protected override IAsyncEnumerable<object> ListAsync(string? ns, string? labelSelector, string? fieldSelector, CancellationToken ct)
        => JobOperations.ListAsync(Connection, ns, labelSelector, fieldSelector, ct);
}
