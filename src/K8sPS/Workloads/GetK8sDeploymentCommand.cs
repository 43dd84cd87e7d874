using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Resources;
using K8sPS.Infrastructure;

namespace K8sPS.Workloads;

/// <summary>Get-K8sDeployment: kubectl get deployments.</summary>
[Cmdlet(VerbsCommon.Get, "K8sDeployment", DefaultParameterSetName = NamespaceSet)]
[OutputType(typeof(V1Deployment))]
public sealed class GetK8sDeploymentCommand : GetK8sObjectCmdlet
{
    protected override string Kind => "Deployment";

    protected override async Task<object> GetAsync(string ns, string name, CancellationToken ct)
        => await DeploymentOperations.GetAsync(Connection, ns, name, ct).ConfigureAwait(false);

    protected override IAsyncEnumerable<object> ListAsync(string? ns, string? labelSelector, string? fieldSelector, CancellationToken ct)
        => DeploymentOperations.ListAsync(Connection, ns, labelSelector, fieldSelector, ct);
}
