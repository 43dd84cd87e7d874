using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Metrics;

namespace K8sPS.Formatting;

/// <summary>
/// Getters behind the properties K8sPS.Autoscaling.types.ps1xml gives a v2 (or v2beta2) HorizontalPodAutoscaler:
/// kubectl get hpa's columns and the controller's conditions, as real properties (Where-Object, Sort-Object).
/// </summary>
public static class K8sHpaColumns
{
    public static string? Reference(PSObject o) => Base<V2HorizontalPodAutoscaler>(o) is { } h ? HpaView.Reference(h) : null;
    public static string? Targets(PSObject o) => Base<V2HorizontalPodAutoscaler>(o) is { } h ? HpaView.Targets(h) : null;
    public static string? MinPods(PSObject o) => Base<V2HorizontalPodAutoscaler>(o) is { } h ? HpaView.MinPods(h) : null;
    public static int MaxPods(PSObject o) => Base<V2HorizontalPodAutoscaler>(o) is { } h ? HpaView.MaxPods(h) : 0;
    public static int Replicas(PSObject o) => Base<V2HorizontalPodAutoscaler>(o) is { } h ? HpaView.Replicas(h) : 0;
    public static int DesiredReplicas(PSObject o) => Base<V2HorizontalPodAutoscaler>(o)?.Status?.DesiredReplicas ?? 0;
    // object, not the model's list type: type data is loaded before the module's dependencies can be resolved.
    public static object? Conditions(PSObject o) => Base<V2HorizontalPodAutoscaler>(o)?.Status?.Conditions;
    public static bool? AbleToScale(PSObject o) => Base<V2HorizontalPodAutoscaler>(o) is { } h ? HpaView.IsTrue(h, HpaView.AbleToScale) : null;
    public static bool? ScalingActive(PSObject o) => Base<V2HorizontalPodAutoscaler>(o) is { } h ? HpaView.IsTrue(h, HpaView.ScalingActive) : null;
    public static bool? ScalingLimited(PSObject o) => Base<V2HorizontalPodAutoscaler>(o) is { } h ? HpaView.IsTrue(h, HpaView.ScalingLimited) : null;
    public static string[]? Problems(PSObject o) => Base<V2HorizontalPodAutoscaler>(o) is { } h ? [.. HpaView.Problems(h)] : null;

    private static T? Base<T>(PSObject? instance) where T : class => instance?.BaseObject as T;
}
