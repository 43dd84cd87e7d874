using System.Management.Automation;
using System.Net;
using k8s.Autorest;
using K8sPS.Engine.Metrics;
using K8sPS.Infrastructure;

namespace K8sPS.Autoscaling;

/// <summary>
/// <para type="synopsis">kubectl delete hpa: removes HorizontalPodAutoscalers by name or from the pipeline; the workload keeps its replicas.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "K8sHorizontalPodAutoscaler", DefaultParameterSetName = ByObjectSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveK8sHorizontalPodAutoscalerCommand : RemoveK8sObjectCmdlet
{
    protected override string Kind => HpaClient.Kind;

    protected override Task DeleteAsync(string ns, string name, CancellationToken ct)
        => new HpaClient(Connection.Rest).DeleteAsync(ns, name, ct);

    // -Wait knows an object is gone by the typed client's 404; the dynamic read says null, so it is turned into one.
    protected override async Task<object> GetAsync(string ns, string name, CancellationToken ct)
        => await new HpaClient(Connection.Rest).GetAsync(ns, name, ct).ConfigureAwait(false)
            ?? throw new HttpOperationException($"horizontalpodautoscaler \"{name}\" not found")
            {
                Response = new HttpResponseMessageWrapper(new System.Net.Http.HttpResponseMessage(HttpStatusCode.NotFound), ""),
            };
}
