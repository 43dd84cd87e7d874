using System.Management.Automation;
using K8sPS.Engine.Resources;
using K8sPS.Infrastructure;

namespace K8sPS.Workloads;

/// <summary>Remove-K8sPod: kubectl delete pod.</summary>
[Cmdlet(VerbsCommon.Remove, "K8sPod", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveK8sPodCommand : RemoveK8sObjectCmdlet
{
    protected override string Kind => "Pod";

    protected override Task DeleteAsync(string ns, string name, CancellationToken ct)
        => PodOperations.DeleteAsync(Connection, ns, name, ct: ct);

    protected override async Task<object> GetAsync(string ns, string name, CancellationToken ct)
        => await PodOperations.GetAsync(Connection, ns, name, ct).ConfigureAwait(false);
}
