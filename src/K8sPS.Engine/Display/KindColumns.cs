using System.Globalization;
using k8s.Models;
using K8sPS.Engine.Metrics;

namespace K8sPS.Engine.Display;

/// <summary>
/// kubectl's `get` columns for the kinds beyond pods, deployments and services, computed as the 1.20
/// server's table printers compute them, so a K8sPS table reads cell for cell like kubectl's.
/// Secrets only ever yield counts and key names: no value reaches a column.
/// </summary>
public static class KindColumns
{
    // ---- secrets and config maps ----

    /// <summary>DATA: the number of keys, never a value.</summary>
    public static int SecretDataCount(V1Secret s) => s?.Data?.Count ?? 0;

    /// <summary>The key names, sorted: what a list view may show of a secret instead of its values.</summary>
    public static string[] SecretKeys(V1Secret s) => (s?.Data?.Keys ?? []).Order(StringComparer.Ordinal).ToArray();

    /// <summary>DATA: kubectl counts binaryData keys too.</summary>
    public static int ConfigMapDataCount(V1ConfigMap c) => (c?.Data?.Count ?? 0) + (c?.BinaryData?.Count ?? 0);

    // ---- nodes ----

    /// <summary>STATUS: Ready / NotReady / Unknown from the Ready condition, then SchedulingDisabled when cordoned.</summary>
    public static string NodeStatus(V1Node node)
    {
        var parts = new List<string>();
        var ready = node?.Status?.Conditions?.LastOrDefault(c => c.Type == "Ready");
        if (ready is not null) parts.Add(ready.Status == "True" ? "Ready" : "NotReady");
        else parts.Add("Unknown");
        if (node?.Spec?.Unschedulable == true) parts.Add("SchedulingDisabled");
        return string.Join(",", parts);
    }

    /// <summary>ROLES: node-role.kubernetes.io/&lt;role&gt; label suffixes and the kubernetes.io/role value, sorted.</summary>
    public static string NodeRoles(V1Node node)
    {
        const string prefix = "node-role.kubernetes.io/";
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (k, v) in node?.Metadata?.Labels ?? new Dictionary<string, string>())
        {
            if (k.StartsWith(prefix, StringComparison.Ordinal)) { if (k.Length > prefix.Length) roles.Add(k[prefix.Length..]); }
            else if (k == "kubernetes.io/role" && !string.IsNullOrEmpty(v)) roles.Add(v);
        }
        return roles.Count == 0 ? "<none>" : string.Join(",", roles);
    }

    /// <summary>INTERNAL-IP / EXTERNAL-IP (-o wide): the node's first address of that type, or &lt;none&gt;.</summary>
    public static string NodeAddress(V1Node node, string type)
        => node?.Status?.Addresses?.FirstOrDefault(a => a.Type == type)?.Address ?? "<none>";

    /// <summary>OS-IMAGE, KERNEL-VERSION, CONTAINER-RUNTIME (-o wide): the node's own words, &lt;unknown&gt; when it gave none.</summary>
    public static string NodeInfo(string? value) => string.IsNullOrEmpty(value) ? "<unknown>" : value;

    // ---- workloads ----

    public static string StatefulSetReady(V1StatefulSet s) => F("{0}/{1}", s?.Status?.ReadyReplicas ?? 0, s?.Spec?.Replicas ?? 0);

    /// <summary>NODE SELECTOR: k=v,k=v sorted, or &lt;none&gt;.</summary>
    public static string DaemonSetNodeSelector(V1DaemonSet d) => Columns.LabelText(d?.Spec?.Template?.Spec?.NodeSelector);

    /// <summary>COMPLETIONS: succeeded/completions, or succeeded/1 (of parallelism) for a job without completions.</summary>
    public static string JobCompletions(V1Job job)
    {
        var succeeded = job?.Status?.Succeeded ?? 0;
        if (job?.Spec?.Completions is int completions) return F("{0}/{1}", succeeded, completions);
        var parallelism = job?.Spec?.Parallelism ?? 0;
        return parallelism > 1 ? F("{0}/1 of {1}", succeeded, parallelism) : F("{0}/1", succeeded);
    }

    /// <summary>DURATION: start to completion, or start to now while running; empty before the job starts.</summary>
    public static string JobDuration(V1Job job, DateTime? now = null)
    {
        if (job?.Status?.StartTime is not DateTime start) return "";
        var end = job.Status.CompletionTime?.ToUniversalTime() ?? now ?? DateTime.UtcNow;
        return Columns.HumanDuration(end - start.ToUniversalTime());
    }

    /// <summary>SUSPEND: True/False, &lt;unset&gt; when the field is absent.</summary>
    public static string CronJobSuspend(V1CronJob cj) => cj?.Spec?.Suspend is bool b ? (b ? "True" : "False") : "<unset>";

    /// <summary>ACTIVE: how many jobs it runs now.</summary>
    public static int CronJobActive(V1CronJob cj) => cj?.Status?.Active?.Count ?? 0;

    /// <summary>LAST SCHEDULE: time since the last run was scheduled, &lt;none&gt; before the first.</summary>
    public static string CronJobLastSchedule(V1CronJob cj, DateTime? now = null)
        => cj?.Status?.LastScheduleTime is DateTime t ? Columns.HumanDuration((now ?? DateTime.UtcNow) - t.ToUniversalTime()) : "<none>";

    // ---- storage ----

    /// <summary>ACCESS MODES: RWO,ROX,RWX,RWOP in that fixed order, each once.</summary>
    public static string AccessModes(IEnumerable<string>? modes)
    {
        var set = modes?.ToHashSet(StringComparer.Ordinal) ?? [];
        var names = new List<string>();
        if (set.Contains("ReadWriteOnce")) names.Add("RWO");
        if (set.Contains("ReadOnlyMany")) names.Add("ROX");
        if (set.Contains("ReadWriteMany")) names.Add("RWX");
        if (set.Contains("ReadWriteOncePod")) names.Add("RWOP");
        return string.Join(",", names);
    }

    private const string BetaStorageClass = "volume.beta.kubernetes.io/storage-class";

    public static string PersistentVolumeCapacity(V1PersistentVolume pv)
        => pv?.Spec?.Capacity is { } c && c.TryGetValue("storage", out var q) && q is not null ? q.ToString() : "0";

    /// <summary>STATUS: the phase, or Terminating once deletion started.</summary>
    public static string? PersistentVolumeStatus(V1PersistentVolume pv)
        => pv?.Metadata?.DeletionTimestamp is not null ? "Terminating" : pv?.Status?.Phase;

    /// <summary>CLAIM: namespace/name of the bound claim, or empty.</summary>
    public static string PersistentVolumeClaimRef(V1PersistentVolume pv)
        => pv?.Spec?.ClaimRef is { } r ? $"{r.NamespaceProperty}/{r.Name}" : "";

    /// <summary>STORAGECLASS: the beta annotation wins over the field, as in kubectl.</summary>
    public static string PersistentVolumeClass(V1PersistentVolume pv)
        => pv?.Metadata?.Annotations is { } a && a.TryGetValue(BetaStorageClass, out var c) ? c : pv?.Spec?.StorageClassName ?? "";

    public static string? ClaimStatus(V1PersistentVolumeClaim pvc)
        => pvc?.Metadata?.DeletionTimestamp is not null ? "Terminating" : pvc?.Status?.Phase;

    /// <summary>CAPACITY of a claim: what the bound volume grants; empty while the server has not recorded it.</summary>
    public static string ClaimCapacity(V1PersistentVolumeClaim pvc)
        => !string.IsNullOrEmpty(pvc?.Spec?.VolumeName) && pvc.Status?.Capacity is { } c && c.TryGetValue("storage", out var q) && q is not null ? q.ToString() : "";

    /// <summary>ACCESS MODES of a claim: those granted (status), only once bound.</summary>
    public static string ClaimAccessModes(V1PersistentVolumeClaim pvc)
        => string.IsNullOrEmpty(pvc?.Spec?.VolumeName) ? "" : AccessModes(pvc.Status?.AccessModes);

    public static string ClaimClass(V1PersistentVolumeClaim pvc)
        => pvc?.Metadata?.Annotations is { } a && a.TryGetValue(BetaStorageClass, out var c) ? c : pvc?.Spec?.StorageClassName ?? "";

    /// <summary>The default class is the one annotated is-default-class=true (GA or beta key).</summary>
    public static bool StorageClassIsDefault(V1StorageClass sc)
        => sc?.Metadata?.Annotations is { } a
           && ((a.TryGetValue("storageclass.kubernetes.io/is-default-class", out var v) && v == "true")
               || (a.TryGetValue("storageclass.beta.kubernetes.io/is-default-class", out var b) && b == "true"));

    /// <summary>NAME as kubectl prints it: "standard (default)" for the default class.</summary>
    public static string? StorageClassDisplayName(V1StorageClass sc)
        => StorageClassIsDefault(sc) ? sc.Metadata.Name + " (default)" : sc?.Metadata?.Name;

    public static string StorageClassReclaimPolicy(V1StorageClass sc) => sc?.ReclaimPolicy ?? "Delete";

    public static string StorageClassBindingMode(V1StorageClass sc) => sc?.VolumeBindingMode ?? "Immediate";

    public static bool StorageClassAllowExpansion(V1StorageClass sc) => sc?.AllowVolumeExpansion ?? false;

    // ---- networking ----

    public static string IngressClass(V1Ingress ing) => ing?.Spec?.IngressClassName ?? "<none>";

    /// <summary>HOSTS: the first three rule hosts, "+ N more..." beyond, "*" when no rule names a host.</summary>
    public static string IngressHosts(V1Ingress ing)
    {
        var rules = ing?.Spec?.Rules ?? [];
        var hosts = new List<string>();
        var more = false;
        foreach (var r in rules)
        {
            if (hosts.Count == 3) more = true;
            if (!more && !string.IsNullOrEmpty(r.Host)) hosts.Add(r.Host);
        }
        if (hosts.Count == 0) return "*";
        var text = string.Join(",", hosts);
        return more ? F("{0} + {1} more...", text, rules.Count - 3) : text;
    }

    /// <summary>ADDRESS: load balancer IPs or host names; cut to 16 characters as kubectl's narrow view does.</summary>
    public static string IngressAddress(V1Ingress ing)
    {
        var text = string.Join(",", (ing?.Status?.LoadBalancer?.Ingress ?? [])
            .Select(i => !string.IsNullOrEmpty(i.Ip) ? i.Ip : i.Hostname).Where(s => !string.IsNullOrEmpty(s)));
        return text.Length > 16 ? text[..13] + "..." : text;
    }

    /// <summary>PORTS: 80, or "80, 443" when the ingress has TLS.</summary>
    public static string IngressPorts(V1Ingress ing) => ing?.Spec?.Tls is { Count: > 0 } ? "80, 443" : "80";

    /// <summary>ENDPOINTS: the first three ip:port pairs, "+ N more..." beyond, &lt;none&gt; without subsets.</summary>
    public static string Endpoints(V1Endpoints ep)
    {
        var subsets = ep?.Subsets ?? [];
        if (subsets.Count == 0) return "<none>";
        var list = new List<string>();
        var count = 0;
        void Add(string s) { if (list.Count < 3) list.Add(s); count++; }
        foreach (var ss in subsets)
        {
            var addresses = ss.Addresses ?? [];
            if (ss.Ports is not { Count: > 0 }) { foreach (var a in addresses) Add(a.Ip); continue; }
            foreach (var p in ss.Ports)
                foreach (var a in addresses)
                    Add(HostPort(a.Ip, p.Port));
        }
        var text = string.Join(",", list);
        return count > 3 ? F("{0} + {1} more...", text, count - 3) : text;
    }

    // IPv6 addresses get brackets, as Go's net.JoinHostPort gives them.
    private static string HostPort(string ip, int port)
        => (ip?.Contains(':', StringComparison.Ordinal) == true ? $"[{ip}]" : ip) + ":" + port.ToString(CultureInfo.InvariantCulture);

    // ---- autoscaling/v1 ----

    public static string HpaReference(V1HorizontalPodAutoscaler h)
        => $"{h?.Spec?.ScaleTargetRef?.Kind}/{h?.Spec?.ScaleTargetRef?.Name}";

    /// <summary>TARGETS: current/target CPU utilization ("&lt;unknown&gt;/80%"), &lt;none&gt; without a target.</summary>
    public static string HpaTargets(V1HorizontalPodAutoscaler h)
    {
        if (h?.Spec?.TargetCPUUtilizationPercentage is not int target) return "<none>";
        var current = h.Status?.CurrentCPUUtilizationPercentage is int c ? F("{0}%", c) : "<unknown>";
        return F("{0}/{1}%", current, target);
    }

    public static string HpaMinPods(V1HorizontalPodAutoscaler h)
        => h?.Spec?.MinReplicas is int m ? m.ToString(CultureInfo.InvariantCulture) : "<unset>";

    // ---- custom resource definitions ----

    /// <summary>CREATED AT: the creation time in RFC 3339, UTC.</summary>
    public static string CreatedAt(V1ObjectMeta? meta)
        => meta?.CreationTimestamp is DateTime t ? t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";

    private static string F(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
