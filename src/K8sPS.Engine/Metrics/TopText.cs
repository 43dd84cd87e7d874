namespace K8sPS.Engine.Metrics;

/// <summary>
/// The text `kubectl top pod` and `kubectl top node` print for the same lines (kubectl 1.32: CPU(%) and
/// MEMORY(%) headers, --sum's underlined total), for a host that wants kubectl's exact output.
/// Nothing is printed for no lines (kubectl then says "No resources found" or fails, see <see cref="MetricsAvailability"/>).
/// </summary>
public static class TopText
{
    public static readonly IReadOnlyList<string> PodColumns = ["NAME", "CPU(cores)", "MEMORY(bytes)"];
    public static readonly IReadOnlyList<string> NodeColumns = ["NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)"];
    public const string NamespaceColumn = "NAMESPACE";
    public const string PodColumn = "POD";

    /// <param name="sum">kubectl --sum: a line of underscores under the usage columns, then the total (<see cref="TopRows.Sum"/>).</param>
    public static string Pods(IReadOnlyList<PodUsageRow> rows, bool allNamespaces = false, bool containers = false, bool noHeaders = false,
        (long CpuMillicores, long MemoryBytes)? sum = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) return "";
        var lines = new List<IReadOnlyList<string>>();
        var leading = (allNamespaces ? 1 : 0) + (containers ? 1 : 0);
        if (!noHeaders)
        {
            var header = new List<string>();
            if (allNamespaces) header.Add(NamespaceColumn);
            if (containers) header.Add(PodColumn);
            header.AddRange(PodColumns);
            lines.Add(header);
        }
        foreach (var r in rows)
        {
            var cells = new List<string>();
            if (allNamespaces) cells.Add(r.Namespace);
            if (containers) cells.Add(r.Pod);
            cells.AddRange([r.Name, r.CpuText, r.MemoryText]);
            lines.Add(cells);
        }
        if (sum is { } total)
        {
            var width = leading + PodColumns.Count;
            lines.Add([.. Enumerable.Repeat("", width - 2), "________", "________"]);
            lines.Add([.. Enumerable.Repeat("", width - 3), "", UsageQuantity.CpuText(total.CpuMillicores), UsageQuantity.MemoryText(total.MemoryBytes)]);
        }
        return TabAlignedText.Format(lines);
    }

    public static string Nodes(IReadOnlyList<NodeUsageRow> rows, bool noHeaders = false)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) return "";
        var lines = new List<IReadOnlyList<string>>();
        if (!noHeaders) lines.Add(NodeColumns);
        foreach (var r in rows)
        {
            if (!r.HasMetrics)
            {
                lines.Add([r.Name, NodeUsageRow.Unknown, NodeUsageRow.Unknown, NodeUsageRow.Unknown, NodeUsageRow.Unknown]);
                continue;
            }
            var cells = new List<string> { r.Name, r.CpuText };
            if (r.CpuPercent is not null) cells.Add(r.CpuPercentText);
            cells.Add(r.MemoryText);
            if (r.MemoryPercent is not null) cells.Add(r.MemoryPercentText);
            lines.Add(cells);
        }
        return TabAlignedText.Format(lines);
    }
}
