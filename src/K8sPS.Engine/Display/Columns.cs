using System.Globalization;
using k8s;
using k8s.Models;

namespace K8sPS.Engine.Display;

/// <summary>
/// The values of kubectl's `get` columns, computed the way kubectl computes them, so K8sPS tables read
/// the same. Pure functions of the objects: the types file exposes them as properties.
/// </summary>
public static class Columns
{
    /// <summary>Time since creation, or null when the object has no creation time (not yet created).</summary>
    public static TimeSpan? Age(IKubernetesObject<V1ObjectMeta>? o, DateTime? now = null)
        => o?.Metadata?.CreationTimestamp is DateTime created ? (now ?? DateTime.UtcNow) - created.ToUniversalTime() : null;

    /// <summary>kubectl's human duration: 45s, 5m10s, 3h, 2d4h, 3y...</summary>
    public static string HumanDuration(TimeSpan? age)
    {
        if (age is not TimeSpan d) return "<unknown>";
        var seconds = (long)d.TotalSeconds;
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 120) return F("{0}s", seconds);
        var minutes = (long)d.TotalMinutes;
        if (minutes < 10) return seconds % 60 == 0 ? F("{0}m", minutes) : F("{0}m{1}s", minutes, seconds % 60);
        if (minutes < 180) return F("{0}m", minutes);
        var hours = (long)d.TotalHours;
        if (hours < 8) return minutes % 60 == 0 ? F("{0}h", hours) : F("{0}h{1}m", hours, minutes % 60);
        if (hours < 48) return F("{0}h", hours);
        if (hours < 24 * 8) return hours % 24 == 0 ? F("{0}d", hours / 24) : F("{0}d{1}h", hours / 24, hours % 24);
        if (hours < 24 * 365 * 2) return F("{0}d", hours / 24);
        if (hours < 24 * 365 * 8) return (hours / 24) % 365 == 0 ? F("{0}y", hours / 24 / 365) : F("{0}y{1}d", hours / 24 / 365, (hours / 24) % 365);
        return F("{0}y", hours / 24 / 365);
    }

    /// <summary>Labels as kubectl's --show-labels prints them: k=v,k=v sorted by key, or &lt;none&gt;.</summary>
    public static string LabelText(IDictionary<string, string>? labels)
        => labels is null || labels.Count == 0 ? "<none>" : string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    // ---- pods ----

    /// <summary>READY: ready containers / containers.</summary>
    public static string PodReady(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var total = pod.Spec?.Containers?.Count ?? 0;
        var ready = pod.Status?.ContainerStatuses?.Count(s => s.Ready) ?? 0;
        return F("{0}/{1}", ready, total);
    }

    /// <summary>RESTARTS: the sum of container restart counts.</summary>
    public static int PodRestarts(V1Pod pod) => pod?.Status?.ContainerStatuses?.Sum(s => s.RestartCount) ?? 0;

    /// <summary>STATUS as kubectl prints it: Running, Pending, ContainerCreating, Init:0/1, CrashLoopBackOff, Completed, Terminating...</summary>
    public static string PodStatus(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var reason = pod.Status?.Phase ?? "Unknown";
        if (!string.IsNullOrEmpty(pod.Status?.Reason)) reason = pod.Status.Reason;

        var initializing = false;
        var inits = pod.Status?.InitContainerStatuses ?? [];
        var initCount = pod.Spec?.InitContainers?.Count ?? 0;
        for (var i = 0; i < inits.Count; i++)
        {
            var s = inits[i].State;
            if (s?.Terminated is { ExitCode: 0 }) continue;
            initializing = true;
            if (s?.Terminated is { } t)
                reason = "Init:" + (!string.IsNullOrEmpty(t.Reason) ? t.Reason : t.Signal is int sig && sig != 0 ? F("Signal:{0}", sig) : F("ExitCode:{0}", t.ExitCode));
            else if (s?.Waiting is { Reason: { Length: > 0 } w } && w != "PodInitializing")
                reason = "Init:" + w;
            else
                reason = F("Init:{0}/{1}", i, initCount);
            break;
        }

        if (!initializing)
        {
            var hasRunning = false;
            var statuses = pod.Status?.ContainerStatuses ?? [];
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var s = statuses[i];
                if (s.State?.Waiting is { Reason: { Length: > 0 } w }) reason = w;
                else if (s.State?.Terminated is { } t)
                    reason = !string.IsNullOrEmpty(t.Reason) ? t.Reason : t.Signal is int sig && sig != 0 ? F("Signal:{0}", sig) : F("ExitCode:{0}", t.ExitCode);
                else if (s.Ready && s.State?.Running is not null) hasRunning = true;
            }
            if (reason == "Completed" && hasRunning)
                reason = pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true ? "Running" : "NotReady";
        }

        if (pod.Metadata?.DeletionTimestamp is not null)
            reason = pod.Status?.Reason == "NodeLost" ? "Unknown" : "Terminating";
        return reason;
    }

    // ---- deployments ----

    public static string DeploymentReady(V1Deployment d)
        => F("{0}/{1}", d?.Status?.ReadyReplicas ?? 0, d?.Spec?.Replicas ?? 0);

    // ---- services ----

    /// <summary>EXTERNAL-IP as kubectl prints it.</summary>
    public static string ServiceExternalIP(V1Service svc)
    {
        ArgumentNullException.ThrowIfNull(svc);
        var external = svc.Spec?.ExternalIPs ?? [];
        switch (svc.Spec?.Type ?? "ClusterIP")
        {
            case "ClusterIP":
            case "NodePort":
                return external.Count > 0 ? string.Join(",", external) : "<none>";
            case "LoadBalancer":
                var ingress = (svc.Status?.LoadBalancer?.Ingress ?? []).Select(i => !string.IsNullOrEmpty(i.Ip) ? i.Ip : i.Hostname).Where(s => !string.IsNullOrEmpty(s));
                var all = ingress.Concat(external).ToList();
                return all.Count > 0 ? string.Join(",", all) : "<pending>";
            case "ExternalName":
                return svc.Spec?.ExternalName ?? "<none>";
            default:
                return "<unknown>";
        }
    }

    /// <summary>PORT(S) as kubectl prints it: 8080:31234/TCP,443/TCP.</summary>
    public static string ServicePorts(V1Service svc)
    {
        var ports = svc?.Spec?.Ports ?? [];
        if (ports.Count == 0) return "<none>";
        return string.Join(",", ports.Select(p => p.NodePort is int n && n != 0
            ? F("{0}:{1}/{2}", p.Port, n, p.Protocol ?? "TCP")
            : F("{0}/{1}", p.Port, p.Protocol ?? "TCP")));
    }

    private static string F(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
