using System.Globalization;
using k8s.Models;

namespace K8sPS.Engine.Metrics;

/// <summary>
/// Quantities the way kubectl top reads and prints them: CPU in whole millicores rounded up
/// (Quantity.MilliValue), memory in whole bytes rounded up (Quantity.Value) and printed in whole MiB
/// rounded down ("64Mi"). Sums are taken on the exact quantities, before rounding, as kubectl adds them.
/// </summary>
public static class UsageQuantity
{
    private const long Mebibyte = 1024 * 1024;

    /// <summary>The exact amount of a quantity (cores for CPU, bytes for memory); 0 when absent.</summary>
    public static decimal Exact(ResourceQuantity? quantity) => quantity is null ? 0m : quantity.ToDecimal();

    /// <summary>The exact amount of <paramref name="resource"/> in a usage map; 0 when absent.</summary>
    public static decimal Exact(IDictionary<string, ResourceQuantity>? usage, string resource) =>
        usage is not null && usage.TryGetValue(resource, out var q) ? Exact(q) : 0m;

    /// <summary>Quantity.MilliValue: thousandths, rounded up.</summary>
    public static long MilliValue(decimal amount) => (long)decimal.Ceiling(amount * 1000m);

    /// <summary>Quantity.Value: whole units, rounded up.</summary>
    public static long Value(decimal amount) => (long)decimal.Ceiling(amount);

    /// <summary>CPU(cores) as kubectl top prints it: "250m".</summary>
    public static string CpuText(long milliCores) => milliCores.ToString(CultureInfo.InvariantCulture) + "m";

    /// <summary>MEMORY(bytes) as kubectl top prints it: whole MiB, rounded down, "64Mi".</summary>
    public static string MemoryText(long bytes) => (bytes / Mebibyte).ToString(CultureInfo.InvariantCulture) + "Mi";

    /// <summary>CPU% and MEMORY%: usage over available, both in thousandths, times 100, truncated; 0 when nothing is available.</summary>
    public static int Percent(decimal used, decimal available)
    {
        var availableMilli = MilliValue(available);
        if (availableMilli == 0) return 0;
        return (int)(long)((double)MilliValue(used) / availableMilli * 100);
    }
}
