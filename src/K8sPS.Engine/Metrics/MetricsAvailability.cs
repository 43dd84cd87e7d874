using System.Globalization;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Waits;

namespace K8sPS.Engine.Metrics;

/// <summary>
/// What kubectl top checks before and after asking for metrics, and the errors it gives: the API group
/// must be served in a version kubectl knows, and an empty answer is explained from the pods' ages.
/// </summary>
public static class MetricsAvailability
{
    public const string Group = "metrics.k8s.io";
    public static readonly IReadOnlyList<string> SupportedVersions = ["v1beta1"];

    /// <summary>How long kubectl lets a new pod go without metrics before it calls that an error.</summary>
    public static readonly TimeSpan CreationDelay = TimeSpan.FromMinutes(2);

    /// <summary>True when discovery lists metrics.k8s.io in a supported version (kubectl's SupportedMetricsAPIVersionAvailable).</summary>
    public static bool IsServed(V1APIGroupList? groups) =>
        groups?.Groups?.Any(g => g.Name == Group && (g.Versions ?? []).Any(v => SupportedVersions.Contains(v.Version))) == true;

    /// <summary>kubectl's "Metrics API not available": nothing serves metrics.k8s.io (no metrics-server, or it is unavailable).</summary>
    public static K8sError NotAvailable() => new("MetricsApiNotAvailable", K8sErrorCategory.NotSupported, "Metrics API not available")
    {
        RecommendedAction = "The cluster serves no metrics.k8s.io API: install metrics-server, or check that its APIService "
            + "(kubectl get apiservice v1beta1.metrics.k8s.io) is Available. A K8sPS local cluster serves it itself while it runs.",
    };

    /// <summary>
    /// Why `kubectl top pod` got no metrics, given the pods it would list for the same name or selector:
    /// null when there are no such pods (kubectl then says "No resources found"); an error naming a pod older
    /// than <see cref="CreationDelay"/> when there is one; else "metrics not available yet".
    /// </summary>
    public static K8sError? ExplainNoPodMetrics(IEnumerable<V1Pod> pods, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(pods);
        var list = pods.ToList();
        if (list.Count == 0) return null;
        foreach (var pod in list)
        {
            if (pod.Metadata?.CreationTimestamp is not DateTime created) continue;
            var age = nowUtc - created.ToUniversalTime();
            if (age > CreationDelay)
                return new K8sError("PodMetricsNotAvailable", K8sErrorCategory.NotFound,
                    $"Metrics not available for pod {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}, age: {GoDuration(age)}")
                {
                    Kind = "Pod",
                    Name = pod.Metadata.Name,
                    Namespace = pod.Metadata.NamespaceProperty,
                    RecommendedAction = "Only Running pods have metrics; check the pod's status, and that the metrics server can reach its node.",
                };
        }
        return NotAvailableYet();
    }

    /// <summary>kubectl's answer to an empty NodeMetrics list, and to pods too new to have metrics.</summary>
    public static K8sError NotAvailableYet() => new("MetricsNotAvailableYet", K8sErrorCategory.NotFound, "metrics not available yet")
    {
        RecommendedAction = "The metrics server has not reported these objects yet; try again in a minute.",
    };

    /// <summary>What `kubectl top pod` prints on stderr for no lines and no error.</summary>
    public static string NoResourcesMessage(string? namespaceName, bool allNamespaces) =>
        allNamespaces || string.IsNullOrEmpty(namespaceName) ? "No resources found" : $"No resources found in {namespaceName} namespace.";

    // Go's time.Duration String() to whole seconds: 2m30s, 1h0m5s.
    private static string GoDuration(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        var h = seconds / 3600;
        var m = seconds / 60 % 60;
        var s = seconds % 60;
        return h > 0 ? string.Create(CultureInfo.InvariantCulture, $"{h}h{m}m{s}s")
            : m > 0 ? string.Create(CultureInfo.InvariantCulture, $"{m}m{s}s")
            : string.Create(CultureInfo.InvariantCulture, $"{s}s");
    }
}
