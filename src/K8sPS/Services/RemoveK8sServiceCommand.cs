using System.Management.Automation;
using K8sPS.Engine.Resources;
using K8sPS.Infrastructure;

namespace K8sPS.Services;

/// <summary>Remove-K8sService: kubectl delete service.</summary>
[Cmdlet(VerbsCommon.Remove, "K8sService", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveK8sServiceCommand : RemoveK8sObjectCmdlet
{
    protected override string Kind => "Service";

    protected override Task DeleteAsync(string ns, string name, CancellationToken ct)
        => ServiceOperations.DeleteAsync(Connection, ns, name, ct: ct);

    protected override async Task<object> GetAsync(string ns, string name, CancellationToken ct)
        => await ServiceOperations.GetAsync(Connection, ns, name, ct).ConfigureAwait(false);
}
