namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// What makes two kubelet events the same event to its recorder (which then counts them rather than
/// writing another): type, reason, message and the object (here: the container's fieldPath).
/// <paramref name="Order"/> only sorts events that happen at the same instant (Created before Started).
/// </summary>
public readonly record struct EventKey(string Type, string Reason, string Message, string? FieldPath, int Order);

/// <summary>
/// Occurrences of one event at First, First + Step, ... (Count of them; long.MaxValue for "as long as
/// it lasts"), so a back-off's repeated events are counted, never listed one by one. Pure.
/// </summary>
public sealed record EventSeries(EventKey Key, DateTime First, TimeSpan Step, long Count)
{
    public static EventSeries Once(EventKey key, DateTime at) => new(key, at, TimeSpan.Zero, 1);

    /// <summary>How many occurrences happened at or before <paramref name="moment"/>.</summary>
    public long CountUpTo(DateTime moment)
    {
        if (moment < First || Count <= 0) return 0;
        if (Step <= TimeSpan.Zero) return 1;
        var within = (moment - First).Ticks / Step.Ticks + 1;
        return Math.Min(Count, within);
    }

    /// <summary>The last occurrence at or before <paramref name="moment"/> (null when none).</summary>
    public DateTime? LastUpTo(DateTime moment)
    {
        var n = CountUpTo(moment);
        return n == 0 ? null : First + TimeSpan.FromTicks(Step.Ticks * (n - 1));
    }

    /// <summary>The first occurrence after <paramref name="moment"/> (null when none).</summary>
    public DateTime? FirstAfter(DateTime moment)
    {
        var n = CountUpTo(moment);
        if (n >= Count) return null;
        return First + TimeSpan.FromTicks(Step.Ticks * n);
    }
}

/// <summary>One event as the recorder would have it after every occurrence up to a moment: what the Event object says.</summary>
public sealed record AggregatedEvent(EventKey Key, long Count, DateTime FirstTimestamp, DateTime LastTimestamp, bool Existed);

/// <summary>Sums series into the kubelet recorder's view of them. Pure.</summary>
public static class EventAggregation
{
    /// <summary>
    /// The events whose count grew in (<paramref name="from"/>, <paramref name="to"/>], counted from
    /// <paramref name="baseline"/> (occurrences at or before it were recorded by a kubelet before a
    /// restart, whose counts a new kubelet does not know, so it starts afresh as a real one does).
    /// Existed tells whether some occurrence fell in (baseline, from]: the Event object is there already.
    /// </summary>
    public static IReadOnlyList<AggregatedEvent> Between(IEnumerable<EventSeries> series, DateTime baseline, DateTime from, DateTime to)
    {
        if (from < baseline) from = baseline;
        var result = new List<AggregatedEvent>();
        foreach (var group in series.GroupBy(s => s.Key))
        {
            long before = 0, upTo = 0;
            DateTime? first = null, last = null;
            foreach (var s in group)
            {
                var atBase = s.CountUpTo(baseline);
                before += s.CountUpTo(from) - atBase;
                upTo += s.CountUpTo(to) - atBase;
                if (s.FirstAfter(baseline) is { } f && f <= to && (first is null || f < first)) first = f;
                if (s.LastUpTo(to) is { } l && l > baseline && (last is null || l > last)) last = l;
            }
            if (upTo > before && first is not null && last is not null)
                result.Add(new AggregatedEvent(group.Key, upTo, first.Value, last.Value, before > 0));
        }
        result.Sort((a, b) => a.FirstTimestamp != b.FirstTimestamp ? a.FirstTimestamp.CompareTo(b.FirstTimestamp) : a.Key.Order.CompareTo(b.Key.Order));
        return result;
    }
}
