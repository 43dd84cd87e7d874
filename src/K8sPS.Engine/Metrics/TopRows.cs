using k8s.Models;

namespace K8sPS.Engine.Metrics;

/// <summary>
/// The lines of `kubectl top pod` and `kubectl top node` from what the metrics API returned, in kubectl's
/// order: by namespace (with all namespaces) and name, or by CPU or memory largest first. kubectl's sort is
/// not stable; here equal values keep the name order. Sorting by CPU compares rounded millicores, as kubectl does.
/// </summary>
public static class TopRows
{
    /// <param name="allNamespaces">kubectl -A: order by namespace first.</param>
    /// <param name="containers">kubectl --containers: one line per container, each pod's containers by name (or by usage).</param>
    public static IReadOnlyList<PodUsageRow> Pods(IEnumerable<PodMetrics> metrics, TopSortBy sortBy = TopSortBy.Name, bool allNamespaces = false, bool containers = false)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var pods = metrics.Select(m => (Metrics: m, Cpu: Sum(m, "cpu"), Memory: Sum(m, "memory"))).ToList();
        IEnumerable<(PodMetrics Metrics, decimal Cpu, decimal Memory)> ordered = sortBy switch
        {
            TopSortBy.Cpu => pods.OrderByDescending(p => UsageQuantity.MilliValue(p.Cpu)),
            TopSortBy.Memory => pods.OrderByDescending(p => UsageQuantity.Value(p.Memory)),
            _ => pods.OrderBy(p => allNamespaces ? p.Metrics.Metadata?.NamespaceProperty ?? "" : "", StringComparer.Ordinal)
                .ThenBy(p => p.Metrics.Metadata?.Name ?? "", StringComparer.Ordinal),
        };
        var rows = new List<PodUsageRow>();
        foreach (var (m, cpu, memory) in ordered)
        {
            var ns = m.Metadata?.NamespaceProperty ?? "";
            var name = m.Metadata?.Name ?? "";
            if (!containers)
            {
                rows.Add(new PodUsageRow(ns, name, null, UsageQuantity.MilliValue(cpu), UsageQuantity.Value(memory)));
                continue;
            }
            var list = (m.Containers ?? []).Select(c => (c.Name, Cpu: UsageQuantity.Exact(c.Usage, "cpu"), Memory: UsageQuantity.Exact(c.Usage, "memory")));
            list = sortBy switch
            {
                TopSortBy.Cpu => list.OrderByDescending(c => UsageQuantity.MilliValue(c.Cpu)),
                TopSortBy.Memory => list.OrderByDescending(c => UsageQuantity.Value(c.Memory)),
                _ => list.OrderBy(c => c.Name, StringComparer.Ordinal),
            };
            rows.AddRange(list.Select(c => new PodUsageRow(ns, name, c.Name, UsageQuantity.MilliValue(c.Cpu), UsageQuantity.Value(c.Memory))));
        }
        return rows;
    }

    /// <summary>kubectl --sum: the exact usage of every container of every pod, added, then rounded.</summary>
    public static (long CpuMillicores, long MemoryBytes) Sum(IEnumerable<PodMetrics> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var list = metrics.ToList();
        return (UsageQuantity.MilliValue(list.Sum(m => Sum(m, "cpu"))), UsageQuantity.Value(list.Sum(m => Sum(m, "memory"))));
    }

    /// <summary>
    /// One line per node metric, then a line of &lt;unknown&gt; for each listed node the metrics API has nothing for.
    /// Percentages are of the node's allocatable resources (kubectl's default), or of its capacity.
    /// </summary>
    /// <param name="nodes">The nodes kubectl would list for the same name or selector.</param>
    public static IReadOnlyList<NodeUsageRow> Nodes(IEnumerable<NodeMetrics> metrics, IEnumerable<V1Node> nodes, TopSortBy sortBy = TopSortBy.Name, bool ofCapacity = false)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(nodes);
        var available = new Dictionary<string, IDictionary<string, ResourceQuantity>?>(StringComparer.Ordinal);
        foreach (var n in nodes)
            available[n.Metadata?.Name ?? ""] = ofCapacity ? n.Status?.Capacity : n.Status?.Allocatable;
        var entries = metrics.Select(m => (Name: m.Metadata?.Name ?? "", Cpu: UsageQuantity.Exact(m.Usage, "cpu"), Memory: UsageQuantity.Exact(m.Usage, "memory"))).ToList();
        IEnumerable<(string Name, decimal Cpu, decimal Memory)> ordered = sortBy switch
        {
            TopSortBy.Cpu => entries.OrderByDescending(e => UsageQuantity.MilliValue(e.Cpu)),
            TopSortBy.Memory => entries.OrderByDescending(e => UsageQuantity.Value(e.Memory)),
            _ => entries.OrderBy(e => e.Name, StringComparer.Ordinal),
        };
        var rows = new List<NodeUsageRow>();
        foreach (var (name, cpu, memory) in ordered)
        {
            int? cpuPercent = null, memoryPercent = null;
            if (available.Remove(name, out var resources))
            {
                // A resource the node does not list gets no percentage; an empty list means none at all.
                if (resources?.TryGetValue("cpu", out var c) == true) cpuPercent = UsageQuantity.Percent(cpu, c.ToDecimal());
                if (resources?.TryGetValue("memory", out var m) == true) memoryPercent = UsageQuantity.Percent(memory, m.ToDecimal());
            }
            rows.Add(new NodeUsageRow(name, UsageQuantity.MilliValue(cpu), cpuPercent, UsageQuantity.Value(memory), memoryPercent));
        }
        rows.AddRange(available.Keys.Order(StringComparer.Ordinal).Select(n => new NodeUsageRow(n, null, null, null, null)));
        return rows;
    }

    private static decimal Sum(PodMetrics m, string resource) => (m.Containers ?? []).Sum(c => UsageQuantity.Exact(c.Usage, resource));
}
