using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Resources;
using K8sPS.Infrastructure;

namespace K8sPS.Config;

/// <summary>Get-K8sConfigMap: kubectl get configmaps (NAME DATA AGE).</summary>
[Cmdlet(VerbsCommon.Get, "K8sConfigMap", DefaultParameterSetName = NamespaceSet)]
[OutputType(typeof(V1ConfigMap))]
public sealed class GetK8sConfigMapCommand : GetK8sObjectCmdlet
{
    protected override string Kind => "ConfigMap";

    protected override async Task<object> GetAsync(string ns, string name, CancellationToken ct)
        => await ConfigMapOperations.GetAsync(Connection, ns, name, ct).ConfigureAwait(false);

    protected override IAsyncEnumerable<object> ListAsync(string? ns, string? labelSelector, string? fieldSelector, CancellationToken ct)
        => ConfigMapOperations.ListAsync(Connection, ns, labelSelector, fieldSelector, ct);
}
