using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Resources;
using K8sPS.Infrastructure;

namespace K8sPS.Workloads;

/// <summary>Get-K8sCronJob: kubectl get cronjobs (batch/v1beta1 on 1.20, batch/v1 where served).</summary>
[Cmdlet(VerbsCommon.Get, "K8sCronJob", DefaultParameterSetName = NamespaceSet)]
[OutputType(typeof(V1CronJob))]
public sealed class GetK8sCronJobCommand : GetK8sObjectCmdlet
{
    protected override string Kind => "CronJob";

    protected override async Task<object> GetAsync(string ns, string name, CancellationToken ct)
        => await CronJobOperations.GetAsync(Connection, ns, name, ct).ConfigureAwait(false);

    protected override IAsyncEnumerable<object> ListAsync(string? ns, string? labelSelector, string? fieldSelector, CancellationToken ct)
        => CronJobOperations.ListAsync(Connection, ns, labelSelector, fieldSelector, ct);
}
