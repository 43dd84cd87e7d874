using System.Management.Automation;
using K8sPS.Engine.Resources;
using K8sPS.Infrastructure;

namespace K8sPS.Workloads;

/// <summary>Remove-K8sDeployment: kubectl delete deployment.</summary>
[Cmdlet(VerbsCommon.Remove, "K8sDeployment", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveK8sDeploymentCommand : RemoveK8sObjectCmdlet
{
    protected override string Kind => "Deployment";

    protected override Task DeleteAsync(string ns, string name, CancellationToken ct)
        => DeploymentOperations.DeleteAsync(Connection, ns, name, ct: ct);

    protected override async Task<object> GetAsync(string ns, string name, CancellationToken ct)
        => await DeploymentOperations.GetAsync(Connection, ns, name, ct).ConfigureAwait(false);
}
