using System.Globalization;
using System.Management.Automation;
using k8s;
using k8s.Models;
using K8sPS.Completion;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Metrics;
using K8sPS.Infrastructure;

namespace K8sPS.Autoscaling;

/// <summary>
/// <para type="synopsis">kubectl autoscale: a HorizontalPodAutoscaler for a Deployment, ReplicaSet, StatefulSet or ReplicationController.</para>
/// </summary>
/// <remarks>
/// The API version is the best the server serves (autoscaling/v2, else v2beta2, else v1). The target is read first,
/// as kubectl reads it: a missing one is its NotFound and nothing is created; a target whose containers lack CPU
/// requests gets a warning, since the controller could not compute CPU utilization for it.
/// </remarks>
[Cmdlet(VerbsCommon.New, "K8sHorizontalPodAutoscaler", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[Alias("Autoscale-K8sDeployment")]
[OutputType(typeof(V2HorizontalPodAutoscaler), typeof(V1HorizontalPodAutoscaler))]
public sealed class NewK8sHorizontalPodAutoscalerCommand : K8sCmdlet
{
    /// <summary>The workload to scale: a name (of -Kind), TYPE/NAME (deployment/web, sts/db), or a piped K8sPS or kubectl JSON object.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [K8sObjectReferenceTransformation]
    [Alias("InputObject")]
    [ArgumentCompleter(typeof(ScaleTargetCompleter))]
    public K8sObjectReference[] Target { get; set; } = [];

    /// <summary>The kind of a target given by plain name: Deployment (default), ReplicaSet, StatefulSet, ReplicationController, or kubectl's words (sts, rs, rc).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ScalableKindCompleter))]
    public string? Kind { get; set; }

    /// <summary>The most replicas the HPA may set (kubectl --max).</summary>
    [Parameter(Mandatory = true)]
    [Alias("MaxReplicas")]
    public int Max { get; set; }

    /// <summary>The fewest replicas (kubectl --min); default: the server's (1).</summary>
    [Parameter]
    [Alias("MinReplicas")]
    public int? Min { get; set; }

    /// <summary>The average CPU utilization to keep, in percent of the pods' CPU requests (kubectl --cpu-percent); default: the server's (80).</summary>
    [Parameter]
    public int? CpuPercent { get; set; }

    /// <summary>The HPA's name (kubectl --name); default: the target's.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceNameCompleter))]
    public string? Name { get; set; }

    /// <summary>Namespace of the target and the HPA; default: the target's own, else the context's.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>Requests in flight at once for piped input.</summary>
    [Parameter]
    [ValidateRange(1, Throttle.MaxLimit)]
    public int ThrottleLimit { get; set; } = Throttle.DefaultLimit;

    protected override async Task ProcessRecordAsync()
    {
        foreach (var item in Target)
        {
            CancellationToken.ThrowIfCancellationRequested();
            string? ns = null;
            await StartItemAsync(item.Source ?? item.Name, async () =>
            {
                var target = TargetOf(item);
                var request = new AutoscaleRequest(target.Kind, target.Name, Max, Min, CpuPercent, Name);
                // kubectl's checks of --max, --min and the name, before anything is asked of the server.
                HpaGenerator.Validate(request);
                ns = ResolveNamespace(Namespace ?? item.Namespace);
                var client = new HpaClient(Connection.Rest);
                var workload = await client.ReadTargetAsync(ns, target, CancellationToken).ConfigureAwait(false);
                var name = string.IsNullOrEmpty(Name) ? target.Name : Name;
                var missing = HpaClient.ContainersWithoutCpuRequest(workload);
                if (missing.Count > 0)
                    WriteWarningAsync($"{target.Kind} \"{target.Name}\": container(s) {string.Join(", ", missing)} have no CPU request, so the HPA cannot compute CPU utilization: "
                        + "its ScalingActive condition will be False (FailedGetResourceMetric: missing request for cpu). Set resources.requests.cpu on every container.");
                var limits = string.Create(CultureInfo.InvariantCulture, $"{(Min is > 0 ? Min : 1)} to {Max} replicas{(CpuPercent is int c ? $" at {c}% CPU" : "")}");
                if (!await ShouldProcessAsync($"horizontalpodautoscaler \"{name}\" in namespace \"{ns}\" for {target} ({limits})", "Create").ConfigureAwait(false))
                    return;
                WriteObjectAsync(await client.CreateAsync(ns, request, CancellationToken).ConfigureAwait(false));
            }, HpaClient.Kind, string.IsNullOrEmpty(Name) ? item.Name : Name, ns ?? Namespace ?? item.Namespace).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A piped object names its own kind (a typed list item has none on the wire: its .NET type says it); a
    /// string is NAME of -Kind, or TYPE/NAME.
    /// </summary>
    private ScaleTarget TargetOf(K8sObjectReference item)
    {
        var kind = item.Kind ?? (item.Source is IKubernetesObject typed ? KindOfModel(typed) : null);
        if (kind is null) return ScaleTarget.Parse(item.Name, Kind ?? "Deployment");
        var scalable = ScaleTarget.KindOf(kind) ?? throw new K8sException(new K8sError("NotScalable", K8sErrorCategory.InvalidArgument,
            $"cannot autoscale a {kind}: only {string.Join(", ", ScaleTarget.Kinds)} have a scale subresource")
        { Kind = kind, Name = item.Name, RecommendedAction = "Autoscale the Deployment, ReplicaSet, StatefulSet or ReplicationController that owns the pods." });
        return new ScaleTarget(scalable, item.Name);
    }

    // V1Deployment -> Deployment: KubernetesClient's model names are the version and the kind.
    private static string? KindOfModel(IKubernetesObject typed)
    {
        var type = typed.GetType().Name;
        var i = 1;
        while (i < type.Length && (char.IsDigit(type[i]) || char.IsLower(type[i]))) i++;
        return type.Length > 1 && type[0] == 'V' && i < type.Length ? type[i..] : null;
    }
}
