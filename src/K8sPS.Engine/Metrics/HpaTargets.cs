using System.Globalization;
using k8s.Models;

namespace K8sPS.Engine.Metrics;

/// <summary>
/// The TARGETS column of `kubectl get hpa`, which the server prints (formatHPAMetrics): "10%/50%",
/// "&lt;unknown&gt;/50%", "&lt;auto&gt;" targets, "(avg)" for averages, the first two metrics and "+ N more...",
/// "&lt;none&gt;" without metrics. Servers from 1.27 put the resource name first ("cpu: 10%/50%"); 1.20, the
/// local cluster's, does not: <c>withResourceNames</c> chooses.
/// </summary>
public static class HpaTargets
{
    private const string UnknownValue = "<unknown>";
    // What Go prints for a nil *Quantity: a status without the value its target needs.
    private const string NilValue = "<nil>";
    private const int Shown = 2;

    public static string Format(V2HorizontalPodAutoscaler hpa, bool withResourceNames = false)
    {
        ArgumentNullException.ThrowIfNull(hpa);
        return Format(hpa.Spec?.Metrics ?? [], hpa.Status?.CurrentMetrics ?? [], withResourceNames);
    }

    /// <summary>An autoscaling/v1 object: its one CPU target and current utilization (the server defaults the target to 80%).</summary>
    public static string Format(V1HorizontalPodAutoscaler hpa, bool withResourceNames = false)
    {
        ArgumentNullException.ThrowIfNull(hpa);
        var target = hpa.Spec?.TargetCPUUtilizationPercentage;
        var spec = new V2MetricSpec
        {
            Type = "Resource",
            Resource = new V2ResourceMetricSource { Name = "cpu", Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = target } },
        };
        var current = hpa.Status?.CurrentCPUUtilizationPercentage is int c
            ? new V2MetricStatus { Type = "Resource", Resource = new V2ResourceMetricStatus { Name = "cpu", Current = new V2MetricValueStatus { AverageUtilization = c } } }
            : null;
        return Format([spec], current is null ? [] : [current], withResourceNames);
    }

    public static string Format(IList<V2MetricSpec> specs, IList<V2MetricStatus> statuses, bool withResourceNames = false)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(statuses);
        if (specs.Count == 0) return "<none>";
        var list = new List<string>();
        for (var i = 0; i < specs.Count; i++)
        {
            var spec = specs[i];
            var status = i < statuses.Count ? statuses[i] : null;
            list.Add(spec.Type switch
            {
                "External" when spec.External?.Target?.AverageValue is { } avg =>
                    $"{Q(status?.External?.Current?.AverageValue)}/{avg} (avg)",
                "External" => $"{(status?.External is { } e ? e.Current?.Value?.ToString() ?? NilValue : UnknownValue)}/{spec.External?.Target?.Value}",
                "Pods" => $"{(status?.Pods is { } p ? p.Current?.AverageValue?.ToString() ?? NilValue : UnknownValue)}/{spec.Pods?.Target?.AverageValue}",
                "Object" when spec.ObjectProperty?.Target?.AverageValue is { } avg =>
                    $"{Q(status?.ObjectProperty?.Current?.AverageValue)}/{avg} (avg)",
                "Object" => $"{(status?.ObjectProperty is { } o ? o.Current?.Value?.ToString() ?? NilValue : UnknownValue)}/{spec.ObjectProperty?.Target?.Value}",
                "Resource" => Resource(spec.Resource?.Name, spec.Resource?.Target, status?.Resource?.Current, status?.Resource is not null, withResourceNames),
                "ContainerResource" => Resource(spec.ContainerResource?.Name, spec.ContainerResource?.Target, status?.ContainerResource?.Current,
                    status?.ContainerResource is not null, withResourceNames),
                _ => "<unknown type>",
            });
        }
        var text = string.Join(", ", list.Take(Shown));
        return list.Count > Shown ? string.Create(CultureInfo.InvariantCulture, $"{text} + {list.Count - Shown} more...") : text;
    }

    private static string Resource(string? name, V2MetricTarget? target, V2MetricValueStatus? current, bool hasStatus, bool withResourceNames)
    {
        string text;
        if (target?.AverageValue is { } averageValue)
        {
            // A value target: the current average as the server has it, even when it has none yet.
            var now = hasStatus ? current?.AverageValue?.ToString() ?? NilValue : UnknownValue;
            text = $"{now}/{averageValue}";
        }
        else
        {
            var now = current?.AverageUtilization is int u ? Percent(u) : UnknownValue;
            var goal = target?.AverageUtilization is int t ? Percent(t) : "<auto>";
            text = $"{now}/{goal}";
        }
        return withResourceNames ? $"{name}: {text}" : text;
    }

    private static string Q(ResourceQuantity? q) => q?.ToString() ?? UnknownValue;

    private static string Percent(int value) => value.ToString(CultureInfo.InvariantCulture) + "%";
}
