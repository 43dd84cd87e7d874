using System.Globalization;

namespace K8sPS.Engine.Metrics;

/// <summary>
/// One line of `kubectl top node`. A node the metrics API has nothing for has null usage (kubectl
/// prints &lt;unknown&gt;); a node the metrics name but the node list lacks has null percentages (kubectl
/// then prints no percentage cells at all).
/// </summary>
public sealed record NodeUsageRow(string Name, long? CpuMillicores, int? CpuPercent, long? MemoryBytes, int? MemoryPercent)
{
    public const string Unknown = "<unknown>";

    public bool HasMetrics => CpuMillicores is not null;

    public string CpuText => CpuMillicores is long m ? UsageQuantity.CpuText(m) : Unknown;

    public string CpuPercentText => HasMetrics ? PercentText(CpuPercent) : Unknown;

    public string MemoryText => MemoryBytes is long b ? UsageQuantity.MemoryText(b) : Unknown;

    public string MemoryPercentText => HasMetrics ? PercentText(MemoryPercent) : Unknown;

    private static string PercentText(int? percent) => percent is int p ? p.ToString(CultureInfo.InvariantCulture) + "%" : "";
}
