using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Waits;

/// <summary>
/// Durations as kubectl's flags take them (Go's time.ParseDuration: <c>30s</c>, <c>1m30s</c>, <c>1.5h</c>,
/// <c>500ms</c>, <c>0</c>), and as kubectl prints them (<c>1m30s</c>), so -Timeout reads what a runbook copied
/// from a kubectl command line.
/// </summary>
public static partial class GoDuration
{
    [GeneratedRegex(@"\G(?<n>\d+(?:\.\d*)?|\.\d+)(?<u>ns|us|µs|μs|ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();

    /// <summary>Parses Go's duration syntax (an optional sign, then number-unit pairs); false when it is not one.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        var negative = false;
        if (s[0] is '+' or '-') { negative = s[0] == '-'; s = s[1..]; }
        if (s == "0") return true;
        if (s.Length == 0) return false;
        var ticks = 0m;
        var at = 0;
        while (at < s.Length)
        {
            var m = Part().Match(s, at);
            if (!m.Success || m.Index != at) return false;
            var n = decimal.Parse(m.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            ticks += n * m.Groups["u"].Value switch
            {
                "ns" => 0.01m,
                "us" or "µs" or "μs" => TimeSpan.TicksPerMillisecond / 1000m,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerHour,
            };
            at += m.Length;
        }
        if (ticks > TimeSpan.MaxValue.Ticks) return false;
        duration = TimeSpan.FromTicks((long)decimal.Round(ticks) * (negative ? -1 : 1));
        return true;
    }

    /// <summary><see cref="TryParse"/>, failing with kubectl's message (time: invalid duration "x").</summary>
    public static TimeSpan Parse(string text)
    {
        if (TryParse(text, out var d)) return d;
        throw new K8sException(new K8sError("InvalidDuration", K8sErrorCategory.InvalidArgument, $"time: invalid duration \"{text}\"")
        {
            RecommendedAction = "Give a duration as kubectl takes it (30s, 5m, 1h30m), a number of seconds, or a TimeSpan.",
        });
    }

    /// <summary>Go's Duration.String: 0s, 150ms, 1.2ms, 1.5s, 1m30s, 5m0s, 1h2m3s (the kubelet's "back-off 5m0s").</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero) return "0s";
        var ticks = Math.Abs(duration.Ticks);
        var text = new StringBuilder(duration < TimeSpan.Zero ? "-" : "");
        if (ticks < TimeSpan.TicksPerSecond)
        {
            // Below a second Go picks the largest unit that keeps the integer part non-zero.
            var nanos = ticks * 100;
            var (unit, perUnit) = nanos < 1_000 ? ("ns", 1L) : nanos < 1_000_000 ? ("µs", 1_000L) : ("ms", 1_000_000L);
            return text.Append(Decimal(nanos, perUnit)).Append(unit).ToString();
        }
        var hours = ticks / TimeSpan.TicksPerHour;
        var minutes = ticks % TimeSpan.TicksPerHour / TimeSpan.TicksPerMinute;
        if (hours > 0) text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        if (hours > 0 || minutes > 0) text.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        return text.Append(Decimal(ticks % TimeSpan.TicksPerMinute * 100, 1_000_000_000L)).Append('s').ToString();
    }

    /// <summary><paramref name="value"/> / <paramref name="perUnit"/> in decimals, without trailing zeros.</summary>
    private static string Decimal(long value, long perUnit)
    {
        var whole = value / perUnit;
        var fraction = value % perUnit;
        var text = whole.ToString(CultureInfo.InvariantCulture);
        if (fraction == 0) return text;
        var digits = perUnit.ToString(CultureInfo.InvariantCulture).Length - 1;
        return text + "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
    }
}
