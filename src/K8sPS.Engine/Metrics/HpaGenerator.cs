using k8s;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Generators;

namespace K8sPS.Engine.Metrics;

/// <summary>
/// Builds the HorizontalPodAutoscaler `kubectl autoscale` builds. The API version is the newest the server
/// serves: autoscaling/v2 (what kubectl 1.33+ tries first), else autoscaling/v2beta2 (the same shape; 1.20's
/// best), else autoscaling/v1 — equal to what kubectl 1.32 sends (it always sends v1).
/// </summary>
public static class HpaGenerator
{
    public const string V2 = "autoscaling/v2";
    public const string V2Beta2 = "autoscaling/v2beta2";
    public const string V1 = "autoscaling/v1";

    /// <summary>The kinds with a scale subresource, and the API version kubectl names in scaleTargetRef.</summary>
    public static readonly IReadOnlyDictionary<string, string> ScalableKinds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Deployment"] = "apps/v1",
        ["ReplicaSet"] = "apps/v1",
        ["StatefulSet"] = "apps/v1",
        ["ReplicationController"] = "v1",
    };

    /// <summary>The version to create: v2, else v2beta2, else v1, from the group versions the server serves ("autoscaling/v2", ...).</summary>
    public static string ChooseApiVersion(IEnumerable<string> servedGroupVersions)
    {
        ArgumentNullException.ThrowIfNull(servedGroupVersions);
        var served = servedGroupVersions.ToHashSet(StringComparer.Ordinal);
        return served.Contains(V2) ? V2 : served.Contains(V2Beta2) ? V2Beta2 : V1;
    }

    /// <summary>The same from a discovery answer (/apis).</summary>
    public static string ChooseApiVersion(V1APIGroupList? groups) =>
        ChooseApiVersion((groups?.Groups ?? []).Where(g => g.Name == "autoscaling").SelectMany(g => (g.Versions ?? []).Select(v => v.GroupVersion)));

    /// <summary>Validates and builds: a <see cref="V1HorizontalPodAutoscaler"/> for v1, a <see cref="V2HorizontalPodAutoscaler"/> (apiVersion as chosen) otherwise.</summary>
    public static IKubernetesObject<V1ObjectMeta> Build(AutoscaleRequest request, string apiVersion = V1)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var name = string.IsNullOrEmpty(request.Name) ? request.TargetName : request.Name;
        int? min = request.MinReplicas is > 0 ? request.MinReplicas : null;
        int? cpu = request.CpuPercent is >= 0 ? request.CpuPercent : null;
        var targetApiVersion = ScalableKinds[request.TargetKind];
        switch (apiVersion)
        {
            case V1:
                return new V1HorizontalPodAutoscaler
                {
                    ApiVersion = V1,
                    Kind = "HorizontalPodAutoscaler",
                    Metadata = new V1ObjectMeta { Name = name },
                    Spec = new V1HorizontalPodAutoscalerSpec
                    {
                        ScaleTargetRef = new V1CrossVersionObjectReference { ApiVersion = targetApiVersion, Kind = request.TargetKind, Name = request.TargetName },
                        MinReplicas = min,
                        MaxReplicas = request.MaxReplicas,
                        TargetCPUUtilizationPercentage = cpu,
                    },
                    // kubectl's object carries the zero status Go leaves in it; the server ignores it on create.
                    Status = new V1HorizontalPodAutoscalerStatus { CurrentReplicas = 0, DesiredReplicas = 0 },
                };
            case V2 or V2Beta2:
                return new V2HorizontalPodAutoscaler
                {
                    ApiVersion = apiVersion,
                    Kind = "HorizontalPodAutoscaler",
                    Metadata = new V1ObjectMeta { Name = name },
                    Spec = new V2HorizontalPodAutoscalerSpec
                    {
                        ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = targetApiVersion, Kind = request.TargetKind, Name = request.TargetName },
                        MinReplicas = min,
                        MaxReplicas = request.MaxReplicas,
                        Metrics = cpu is int percent
                            ? [new V2MetricSpec
                            {
                                Type = "Resource",
                                Resource = new V2ResourceMetricSource
                                {
                                    Name = "cpu",
                                    Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = percent },
                                },
                            }]
                            : null,
                    },
                    Status = new V2HorizontalPodAutoscalerStatus { DesiredReplicas = 0 },
                };
            default:
                throw new ArgumentException($"'{apiVersion}' is not an autoscaling API version (expected {V2}, {V2Beta2} or {V1})", nameof(apiVersion));
        }
    }

    /// <summary>kubectl's checks, with its messages, plus the name checks the server would make; throws one error.</summary>
    public static void Validate(AutoscaleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ScalableKinds.ContainsKey(request.TargetKind ?? ""))
            throw new K8sException(new K8sError("NotScalable", K8sErrorCategory.InvalidArgument,
                $"cannot autoscale a {request.TargetKind}: only {string.Join(", ", ScalableKinds.Keys)} have a scale subresource")
            {
                Kind = request.TargetKind,
                Name = request.TargetName,
                RecommendedAction = "Autoscale the Deployment, ReplicaSet, StatefulSet or ReplicationController that owns the pods.",
            });
        if (request.MaxReplicas < 1)
            throw Invalid(request, "spec.maxReplicas", $"--max=MAXPODS is required and must be at least 1, max: {request.MaxReplicas}");
        if (request.MinReplicas is int min && request.MaxReplicas < min)
            throw Invalid(request, "spec.minReplicas", $"--max=MAXPODS must be larger or equal to --min=MINPODS, max: {request.MaxReplicas}, min: {min}");
        var name = string.IsNullOrEmpty(request.Name) ? request.TargetName : request.Name;
        Validation.ThrowIfAny(Validation.ObjectName(name), "HorizontalPodAutoscaler", name);
    }

    private static K8sException Invalid(AutoscaleRequest request, string field, string message) =>
        new(new K8sError("Invalid", K8sErrorCategory.InvalidArgument, message + ". Nothing was sent to the cluster.")
        {
            Kind = "HorizontalPodAutoscaler",
            Name = string.IsNullOrEmpty(request.Name) ? request.TargetName : request.Name,
            Causes = [new K8sErrorCause(field, "FieldValueInvalid", message)],
        });
}
