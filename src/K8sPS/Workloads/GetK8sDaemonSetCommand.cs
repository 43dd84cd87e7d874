using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Resources;
using K8sPS.Infrastructure;

namespace K8sPS.Workloads;

/// <summary>Get-K8sDaemonSet: kubectl get daemonsets.</summary>
[Cmdlet(VerbsCommon.Get, "K8sDaemonSet", DefaultParameterSetName = NamespaceSet)]
[OutputType(typeof(V1DaemonSet))]
public sealed class GetK8sDaemonSetCommand : GetK8sObjectCmdlet
{
    protected override string Kind => "DaemonSet";

    protected override async Task<object> GetAsync(string ns, string name, CancellationToken ct)
        => await DaemonSetOperations.GetAsync(Connection, ns, name, ct).ConfigureAwait(false);

    protected override IAsyncEnumerable<object> ListAsync(string? ns, string? labelSelector, string? fieldSelector, CancellationToken ct)
        => DaemonSetOperations.ListAsync(Connection, ns, labelSelector, fieldSelector, ct);
}
