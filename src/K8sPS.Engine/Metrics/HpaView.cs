using System.Globalization;
using k8s.Models;

namespace K8sPS.Engine.Metrics;

/// <summary>
/// `kubectl get hpa`'s columns for a v2 (or v2beta2) HorizontalPodAutoscaler — NAME REFERENCE TARGETS MINPODS
/// MAXPODS REPLICAS AGE — and what the controller's conditions say when it cannot scale. TARGETS names the
/// resource ("cpu: 10%/50%"), as servers from 1.27 print it; the local cluster's 1.20 server prints "10%/50%".
/// </summary>
public static class HpaView
{
    public const string AbleToScale = "AbleToScale";
    public const string ScalingActive = "ScalingActive";
    public const string ScalingLimited = "ScalingLimited";

    /// <summary>REFERENCE: "Deployment/web".</summary>
    public static string Reference(V2HorizontalPodAutoscaler hpa) =>
        $"{hpa?.Spec?.ScaleTargetRef?.Kind}/{hpa?.Spec?.ScaleTargetRef?.Name}";

    /// <summary>TARGETS with resource names: "cpu: 10%/50%", "cpu: &lt;unknown&gt;/50%", "&lt;none&gt;".</summary>
    public static string Targets(V2HorizontalPodAutoscaler hpa) => HpaTargets.Format(hpa, withResourceNames: true);

    /// <summary>MINPODS: the minimum, or &lt;unset&gt; (the server then uses 1).</summary>
    public static string MinPods(V2HorizontalPodAutoscaler hpa) =>
        hpa?.Spec?.MinReplicas is int m ? m.ToString(CultureInfo.InvariantCulture) : "<unset>";

    public static int MaxPods(V2HorizontalPodAutoscaler hpa) => hpa?.Spec?.MaxReplicas ?? 0;

    /// <summary>REPLICAS: how many the target has now, as the controller last saw it.</summary>
    public static int Replicas(V2HorizontalPodAutoscaler hpa) => hpa?.Status?.CurrentReplicas ?? 0;

    /// <summary>One of the controller's conditions (AbleToScale, ScalingActive, ScalingLimited), or null before it reported.</summary>
    public static V2HorizontalPodAutoscalerCondition? Condition(V2HorizontalPodAutoscaler hpa, string type) =>
        hpa?.Status?.Conditions?.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.Ordinal));

    /// <summary>A condition's status as a bool: True, False, or null when not reported (or Unknown).</summary>
    public static bool? IsTrue(V2HorizontalPodAutoscaler hpa, string type) => Condition(hpa, type)?.Status switch
    {
        "True" => true,
        "False" => false,
        _ => null,
    };

    /// <summary>
    /// Why the HPA does not scale, as the controller says it (kubectl describe hpa's Conditions): each of AbleToScale
    /// and ScalingActive that is False, as "ScalingActive False FailedGetResourceMetric: ... missing request for cpu".
    /// Empty when it scales (ScalingLimited is a bound reached, not a failure).
    /// </summary>
    public static IReadOnlyList<string> Problems(V2HorizontalPodAutoscaler hpa) =>
        (hpa?.Status?.Conditions ?? [])
            .Where(c => c.Type is AbleToScale or ScalingActive && c.Status == "False")
            .Select(c => $"{c.Type} False {c.Reason}: {c.Message}")
            .ToList();
}
