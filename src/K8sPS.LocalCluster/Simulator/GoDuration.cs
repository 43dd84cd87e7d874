using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// Durations as Go writes and reads them (time.Duration's String and ParseDuration), because the
/// kubelet's messages print them ("back-off 1m20s", "in 1.5s") and users write annotation values the
/// way they write every other Kubernetes duration. Pure.
/// </summary>
public static partial class GoDuration
{
    /// <summary>"0s", "150ms", "1.5s", "1m20s", "5m0s", "1h0m0s", as Go's Duration.String.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero) return "0s";
        var negative = value < TimeSpan.Zero;
        var ticks = negative ? -value.Ticks : value.Ticks;
        var text = new StringBuilder();
        if (negative) text.Append('-');
        if (ticks < TimeSpan.TicksPerSecond)
        {
            // Below a second Go picks the largest unit that keeps the integer part non-zero.
            var nanos = ticks * 100;
            var (unit, perUnit) = nanos < 1_000 ? ("ns", 1L) : nanos < 1_000_000 ? ("µs", 1_000L) : ("ms", 1_000_000L);
            text.Append(Decimal(nanos, perUnit)).Append(unit);
            return text.ToString();
        }
        var hours = ticks / TimeSpan.TicksPerHour;
        var minutes = ticks % TimeSpan.TicksPerHour / TimeSpan.TicksPerMinute;
        var secondTicks = ticks % TimeSpan.TicksPerMinute;
        if (hours > 0) text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        if (hours > 0 || minutes > 0) text.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        text.Append(Decimal(secondTicks * 100, 1_000_000_000L)).Append('s');
        return text.ToString();
    }

    /// <summary>
    /// Reads "90s", "1m30s", "1.5s", "500ms", "2h" (Go's units ns, us, µs, ms, s, m, h, in any
    /// combination), or a bare number of seconds. False for anything else and for negative values.
    /// </summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var bareSeconds))
        {
            value = TimeSpan.FromSeconds(bareSeconds);
            return true;
        }
        if (!Whole().IsMatch(text)) return false;
        double total = 0;
        foreach (Match part in Part().Matches(text))
        {
            var number = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "ns" => number / 1e9,
                "us" or "µs" => number / 1e6,
                "ms" => number / 1e3,
                "s" => number,
                "m" => number * 60,
                _ => number * 3600,
            };
        }
        value = TimeSpan.FromSeconds(total);
        return true;
    }

    private static string Decimal(long value, long perUnit)
    {
        var whole = value / perUnit;
        var fraction = value % perUnit;
        var text = whole.ToString(CultureInfo.InvariantCulture);
        if (fraction == 0) return text;
        var digits = perUnit.ToString(CultureInfo.InvariantCulture).Length - 1;
        return text + "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
    }

    [GeneratedRegex(@"^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$")]
    private static partial Regex Whole();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)")]
    private static partial Regex Part();
}
