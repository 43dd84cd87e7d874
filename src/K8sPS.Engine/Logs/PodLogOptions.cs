using System.Globalization;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Logs;

/// <summary>
/// What kubectl logs asks the server for (corev1.PodLogOptions): follow, previous, timestamps, since (seconds or
/// a time), tail and a byte limit; each sent only when set, as kubectl sends them.
/// </summary>
public sealed record PodLogOptions
{
    public bool Follow { get; init; }
    public bool Previous { get; init; }
    public bool Timestamps { get; init; }
    /// <summary>kubectl --since: rounded to the nearest second as kubectl rounds it (at least 1).</summary>
    public TimeSpan? Since { get; init; }
    /// <summary>kubectl --since-time, sent as RFC 3339 in UTC with seconds (metav1.Time's form).</summary>
    public DateTimeOffset? SinceTime { get; init; }
    /// <summary>kubectl --tail; -1 or null: all lines.</summary>
    public long? TailLines { get; init; }
    public long? LimitBytes { get; init; }

    /// <summary>kubectl's checks of its flags, in its words where it has them; throws the first that fails.</summary>
    public void Validate()
    {
        if (Since is not null && SinceTime is not null)
            throw Invalid("at most one of -Since (sinceSeconds) or -SinceTime (sinceTime) may be specified", "Use -Since 5m for the last five minutes, or -SinceTime for logs after a point in time, not both.");
        if (Since is { } since && since <= TimeSpan.Zero)
            throw Invalid($"-Since must be greater than 0 (got {since})", "Give a positive duration: 30s, 5m, 1h.");
        if (TailLines is < -1)
            throw Invalid($"-Tail must be greater than or equal to -1 (got {TailLines})", "-Tail 20 for the last 20 lines; -1 for all.");
        if (LimitBytes is <= 0)
            throw Invalid($"-LimitBytes must be greater than 0 (got {LimitBytes})", "Leave it out for no limit.");
    }

    /// <summary>The query of GET pods/{name}/log for one container.</summary>
    public string QueryFor(string container)
    {
        ArgumentException.ThrowIfNullOrEmpty(container);
        var query = new List<string> { "container=" + Uri.EscapeDataString(container) };
        if (Follow) query.Add("follow=true");
        if (Previous) query.Add("previous=true");
        if (Timestamps) query.Add("timestamps=true");
        if (Since is { } since) query.Add("sinceSeconds=" + SinceSeconds(since).ToString(CultureInfo.InvariantCulture));
        if (SinceTime is { } t) query.Add("sinceTime=" + Uri.EscapeDataString(t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        if (TailLines is { } tail and >= 0) query.Add("tailLines=" + tail.ToString(CultureInfo.InvariantCulture));
        if (LimitBytes is { } limit) query.Add("limitBytes=" + limit.ToString(CultureInfo.InvariantCulture));
        return string.Join('&', query);
    }

    /// <summary>Go's Duration.Round(time.Second): halves away from zero; never 0, which the server would refuse.</summary>
    internal static long SinceSeconds(TimeSpan since) => Math.Max(1, (long)Math.Round(since.TotalSeconds, MidpointRounding.AwayFromZero));

    private static K8sException Invalid(string message, string fix)
        => new(new K8sError("InvalidLogOptions", K8sErrorCategory.InvalidArgument, message) { RecommendedAction = fix });
}
