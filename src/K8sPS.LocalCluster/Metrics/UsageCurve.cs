using System.Globalization;
using k8s.Models;

namespace K8sPS.LocalCluster.Metrics;

/// <summary>What a usage annotation measures: CPU in nanocores, memory in bytes.</summary>
internal enum UsageResource
{
    Cpu,
    Memory,
}

/// <summary>One step of a <see cref="UsageCurve"/>: from <see cref="At"/> after the container started, usage is <see cref="Value"/>.</summary>
internal readonly record struct UsageStep(TimeSpan At, long Value);

/// <summary>
/// A usage annotation's value: one quantity ("250m", "0.25", "64Mi") or steps over time measured from the
/// container's start ("100m@0s,800m@30s,100m@90s"): each value holds from its time until the next one,
/// the first also before its time, the last for ever after. Steps rather than ramps, so a test knows
/// exactly what is reported at any moment.
/// </summary>
internal sealed class UsageCurve
{
    private readonly UsageStep[] _steps;

    private UsageCurve(UsageStep[] steps) => _steps = steps;

    public IReadOnlyList<UsageStep> Steps => _steps;

    public bool IsConstant => _steps.Length == 1;

    /// <summary>Nanocores or bytes, <paramref name="sinceStart"/> after the container started.</summary>
    public long ValueAt(TimeSpan sinceStart)
    {
        var value = _steps[0].Value;
        foreach (var step in _steps)
        {
            if (step.At > sinceStart) break;
            value = step.Value;
        }
        return value;
    }

    public static UsageCurve Constant(long value) => new([new UsageStep(TimeSpan.Zero, value)]);

    /// <summary>Parses an annotation value; false with a reason when it is not one.</summary>
    public static bool TryParse(string? text, UsageResource resource, out UsageCurve? curve, out string? error)
    {
        curve = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the value is empty";
            return false;
        }
        var steps = new List<UsageStep>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var at = TimeSpan.Zero;
            var quantityText = raw;
            var sign = raw.IndexOf('@', StringComparison.Ordinal);
            if (sign >= 0)
            {
                quantityText = raw[..sign].Trim();
                if (!TryParseOffset(raw[(sign + 1)..].Trim(), out at))
                {
                    error = $"'{raw[(sign + 1)..].Trim()}' in '{raw}' is not a time such as 30s, 1m30s or 500ms";
                    return false;
                }
            }
            else if (steps.Count > 0)
            {
                error = $"'{raw}' needs a time ('{raw}@30s'): only a single value may go without one";
                return false;
            }
            if (!TryParseQuantity(quantityText, resource, out var value, out error)) return false;
            if (steps.Count > 0 && at < steps[^1].At)
            {
                error = $"the times must not go backwards: '{raw}' comes after {FormatOffset(steps[^1].At)}";
                return false;
            }
            steps.Add(new UsageStep(at, value));
        }
        curve = new UsageCurve([.. steps]);
        return true;
    }

    /// <summary>A quantity as Kubernetes writes it: CPU in cores ("250m", "0.25", "1"), memory in bytes ("64Mi", "100M", "1048576").</summary>
    internal static bool TryParseQuantity(string text, UsageResource resource, out long value, out string? error)
    {
        value = 0;
        error = null;
        ResourceQuantity quantity;
        try
        {
            quantity = new ResourceQuantity(text);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            error = $"'{text}' is not a quantity (examples: {(resource == UsageResource.Cpu ? "250m, 0.25, 2" : "64Mi, 100M, 1Gi")})";
            return false;
        }
        var amount = quantity.ToDecimal();
        if (amount < 0)
        {
            error = $"'{text}' is negative";
            return false;
        }
        // Kubernetes rounds quantities up to the unit it counts in (nanocores, bytes).
        var scaled = resource == UsageResource.Cpu ? amount * 1_000_000_000m : amount;
        if (scaled > long.MaxValue / 2)
        {
            error = $"'{text}' is too large";
            return false;
        }
        value = (long)decimal.Ceiling(scaled);
        return true;
    }

    /// <summary>A Go-style duration ("90s", "1m30s", "500ms", "2h") or plain seconds ("30", "1.5").</summary>
    internal static bool TryParseOffset(string text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (text.Length == 0) return false;
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var plainSeconds))
        {
            offset = TimeSpan.FromSeconds(plainSeconds);
            return true;
        }
        var total = 0.0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
            if (i == start || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                return false;
            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i])) i++;
            var milliseconds = text[unitStart..i] switch
            {
                "ms" => 1.0,
                "s" => 1_000.0,
                "m" => 60_000.0,
                "h" => 3_600_000.0,
                _ => double.NaN,
            };
            if (double.IsNaN(milliseconds)) return false;
            total += number * milliseconds;
        }
        offset = TimeSpan.FromMilliseconds(total);
        return true;
    }

    private static string FormatOffset(TimeSpan offset) =>
        offset.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
