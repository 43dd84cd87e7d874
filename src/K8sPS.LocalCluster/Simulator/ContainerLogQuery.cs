using System.Globalization;
using System.Text;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// The kubelet's log options (the query of /containerLogs, as the API server passes on PodLogOptions)
/// and how they cut a container's log, as the CRI log reader does: the last tailLines lines, then only
/// those at or after sinceTime / sinceSeconds, stopping at limitBytes; each line prefixed with its
/// RFC 3339 timestamp when asked. Pure.
/// </summary>
public sealed record ContainerLogQuery
{
    public bool Follow { get; init; }
    public bool Previous { get; init; }
    public bool Timestamps { get; init; }
    public long? SinceSeconds { get; init; }
    public DateTime? SinceTime { get; init; }
    public long? TailLines { get; init; }
    public long? LimitBytes { get; init; }

    /// <summary>Reads the query; null with <paramref name="error"/> set for values a kubelet would refuse.</summary>
    public static ContainerLogQuery? Parse(IReadOnlyDictionary<string, string> query, out string? error)
    {
        error = null;
        bool Flag(string name) => query.TryGetValue(name, out var v) && (v.Length == 0 || v == "true" || v == "1");
        long? Number(string name, ref string? problem)
        {
            if (!query.TryGetValue(name, out var v) || v.Length == 0) return null;
            if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
            problem = $"{name}: '{v}' is not a number";
            return null;
        }
        string? problem = null;
        var tail = query.TryGetValue("tail", out var legacy) && legacy != "all" ? legacy : null;
        var tailLines = tail is not null && long.TryParse(tail, NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : Number("tailLines", ref problem);
        DateTime? sinceTime = null;
        if (query.TryGetValue("sinceTime", out var since) && since.Length > 0)
        {
            if (DateTime.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)) sinceTime = at;
            else problem = $"sinceTime: '{since}' is not an RFC 3339 time";
        }
        var result = new ContainerLogQuery
        {
            Follow = Flag("follow"),
            Previous = Flag("previous"),
            Timestamps = Flag("timestamps"),
            SinceSeconds = Number("sinceSeconds", ref problem),
            SinceTime = sinceTime,
            TailLines = tailLines,
            LimitBytes = Number("limitBytes", ref problem),
        };
        if (problem is null && (result.SinceSeconds < 1 || result.TailLines < 0 || result.LimitBytes < 1 || (result.SinceSeconds is not null && result.SinceTime is not null)))
            problem = "Invalid request.";
        if (problem is null) return result;
        error = problem;
        return null;
    }

    /// <summary>The moment lines must be at or after, if any.</summary>
    public DateTime? Since(DateTime now) => SinceTime ?? (SinceSeconds is { } s ? now - TimeSpan.FromSeconds(s) : null);

    /// <summary>The lines to send now, in order.</summary>
    public IEnumerable<(DateTime At, string Line)> Select(IReadOnlyList<(DateTime At, string Line)> lines, DateTime now)
    {
        var start = TailLines is { } tail ? Math.Max(0, lines.Count - (int)Math.Min(tail, int.MaxValue)) : 0;
        var since = Since(now);
        for (var i = start; i < lines.Count; i++)
            if (since is null || lines[i].At >= since) yield return lines[i];
    }

    /// <summary>One line as sent: "timestamp line\n" or "line\n".</summary>
    public string Format((DateTime At, string Line) line) =>
        Timestamps ? $"{Rfc3339Nano(line.At)} {line.Line}\n" : line.Line + "\n";

    /// <summary>Go's RFC3339Nano: nanoseconds with trailing zeros dropped.</summary>
    public static string Rfc3339Nano(DateTime at)
    {
        var utc = at.ToUniversalTime();
        var text = new StringBuilder(utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        var fraction = (utc.Ticks % TimeSpan.TicksPerSecond * 100).ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
        if (fraction.Length > 0) text.Append('.').Append(fraction);
        return text.Append('Z').ToString();
    }
}
