using System.Management.Automation;
using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using K8sPS.Engine.Api;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Metrics;
using K8sPS.Infrastructure;

namespace K8sPS.Autoscaling;

/// <summary>
/// <para type="synopsis">kubectl get hpa: HorizontalPodAutoscalers with kubectl's columns, read in the best version the server serves, the controller's conditions as properties.</para>
/// </summary>
/// <remarks>
/// An HPA whose controller says it cannot scale (AbleToScale or ScalingActive False, e.g. FailedGetResourceMetric for
/// pods without CPU requests) is written with a warning that quotes the condition, as kubectl describe hpa shows it.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "K8sHorizontalPodAutoscaler", DefaultParameterSetName = NamespaceSet)]
[OutputType(typeof(V2HorizontalPodAutoscaler), typeof(V1HorizontalPodAutoscaler))]
public sealed class GetK8sHorizontalPodAutoscalerCommand : GetK8sObjectCmdlet
{
    private HpaClient? _client;

    protected override string Kind => HpaClient.Kind;

    private HpaClient Client => _client ??= new HpaClient(Connection.Rest);

    protected override async Task<object> GetAsync(string ns, string name, CancellationToken ct)
    {
        var hpa = await Client.GetAsync(ns, name, ct).ConfigureAwait(false)
            ?? throw new K8sException(ResourceClient.NotFound(await Client.ResourceAsync(ct).ConfigureAwait(false), name, ns));
        return Warned(hpa);
    }

    protected override async IAsyncEnumerable<object> ListAsync(string? ns, string? labelSelector, string? fieldSelector, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var hpa in Client.ListAsync(ns, labelSelector, fieldSelector, ct).ConfigureAwait(false))
            yield return Warned(hpa);
    }

    private IKubernetesObject<V1ObjectMeta> Warned(IKubernetesObject<V1ObjectMeta> hpa)
    {
        if (hpa is V2HorizontalPodAutoscaler v2)
            foreach (var problem in HpaView.Problems(v2))
                WriteWarningAsync($"horizontalpodautoscaler \"{v2.Metadata?.Name}\" in namespace \"{v2.Metadata?.NamespaceProperty}\": {problem}");
        return hpa;
    }
}
