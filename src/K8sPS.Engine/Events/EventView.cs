using System.Globalization;
using k8s;
using k8s.Models;
using K8sPS.Engine.Display;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Rollouts;

namespace K8sPS.Engine.Events;

/// <summary>One line of <c>kubectl events</c>: its columns as kubectl prints them, and the event they came from.</summary>
public sealed record EventRow(string? Namespace, string LastSeen, string Type, string Reason, string Object, string Message, Corev1Event Event);

/// <summary>
/// <c>kubectl events</c> (kubectl 1.32, pkg/cmd/events): which events belong to an object (--for kind/name),
/// the --types filter, the order (oldest first by series last-observed time, else last timestamp, else
/// event time) and the LAST SEEN / TYPE / REASON / OBJECT / MESSAGE table.
/// </summary>
public static class EventView
{
    /// <summary>The time kubectl sorts by: the series' last observation, else lastTimestamp, else eventTime.</summary>
    public static DateTime? SortTime(Corev1Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Series is not null) return e.Series.LastObservedTime;
        return e.LastTimestamp ?? e.EventTime;
    }

    /// <summary>Oldest first; events without any time come first (Go's zero time), ties keep their order.</summary>
    public static IReadOnlyList<Corev1Event> Sort(IEnumerable<Corev1Event> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.OrderBy(e => SortTime(e) is DateTime t ? t.ToUniversalTime() : DateTime.MinValue).ToList();
    }

    /// <summary>
    /// LAST SEEN: the age of the first occurrence (eventTime, else firstTimestamp) for a single event;
    /// "last (xN over first)" for a repeated one (a series, or count &gt; 1); &lt;unknown&gt; for a missing time.
    /// </summary>
    public static string LastSeen(Corev1Event e, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(e);
        var first = Since(e.EventTime ?? e.FirstTimestamp, now);
        if (e.Series is not null)
            return $"{Since(e.Series.LastObservedTime, now)} (x{(e.Series.Count ?? 0).ToString(CultureInfo.InvariantCulture)} over {first})";
        if (e.Count > 1)
            return $"{Since(e.LastTimestamp, now)} (x{e.Count.Value.ToString(CultureInfo.InvariantCulture)} over {first})";
        return first;
    }

    public static EventRow Row(Corev1Event e, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new EventRow(e.Metadata?.NamespaceProperty, LastSeen(e, now), Cell(e.Type), Cell(e.Reason),
            $"{Cell(e.InvolvedObject?.Kind)}/{Cell(e.InvolvedObject?.Name)}", Cell(e.Message?.Trim()), e);
    }

    /// <summary>The rows in kubectl's order.</summary>
    public static IReadOnlyList<EventRow> Rows(IEnumerable<Corev1Event> events, DateTime now)
        => Sort(events).Select(e => Row(e, now)).ToList();

    /// <summary>kubectl events' table text (NAMESPACE first with all namespaces), laid out by kubectl's tabwriter.</summary>
    public static string Table(IEnumerable<Corev1Event> events, DateTime now, bool allNamespaces = false, bool noHeaders = false)
    {
        var rows = new List<string[]>();
        if (!noHeaders)
            rows.Add(allNamespaces ? ["NAMESPACE", "LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"] : ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]);
        foreach (var r in Rows(events, now))
            rows.Add(allNamespaces ? [r.Namespace ?? "", r.LastSeen, r.Type, r.Reason, r.Object, r.Message] : [r.LastSeen, r.Type, r.Reason, r.Object, r.Message]);
        return TextTable.Printer(rows);
    }

    /// <summary>What kubectl writes (to stderr) when there is nothing to show.</summary>
    public static string NoEventsMessage(string? ns) => ns is null ? "No events found." : $"No events found in {ns} namespace.";

    /// <summary>The server-side field selector of <c>kubectl events --for kind/name</c>.</summary>
    public static string FieldSelector(string kind, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return $"involvedObject.kind={kind},involvedObject.name={name}";
    }

    /// <summary>
    /// True when the event is about that object: the same kind and name (what kubectl's --for selects), in
    /// the namespace when one is given, and with the UID when both sides have one (so events of an earlier
    /// object of the same name are left out, which kubectl does not do).
    /// </summary>
    public static bool IsFor(Corev1Event e, string kind, string name, string? ns = null, string? uid = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        var o = e.InvolvedObject;
        if (o is null || o.Kind != kind || o.Name != name) return false;
        if (!string.IsNullOrEmpty(ns) && (o.NamespaceProperty ?? e.Metadata?.NamespaceProperty) is { Length: > 0 } eventNs && eventNs != ns) return false;
        return string.IsNullOrEmpty(uid) || string.IsNullOrEmpty(o.Uid) || o.Uid == uid;
    }

    /// <summary>The events about <paramref name="obj"/>, by its kind, name, namespace and UID.</summary>
    public static IEnumerable<Corev1Event> For(IEnumerable<Corev1Event> events, IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(obj);
        var kind = string.IsNullOrEmpty(obj.Kind) ? Workload.Of(obj).Kind : obj.Kind;
        return events.Where(e => IsFor(e, kind, obj.Metadata?.Name ?? "", obj.Metadata?.NamespaceProperty, obj.Metadata?.Uid));
    }

    /// <summary>kubectl events --types: Normal and/or Warning, compared case-insensitively; no types keeps all.</summary>
    public static IEnumerable<Corev1Event> OfTypes(IEnumerable<Corev1Event> events, IReadOnlyCollection<string>? types)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (types is null || types.Count == 0) return events;
        foreach (var t in types)
            if (!string.Equals(t, "Normal", StringComparison.OrdinalIgnoreCase) && !string.Equals(t, "Warning", StringComparison.OrdinalIgnoreCase))
                throw new K8sException(new K8sError("InvalidEventType", K8sErrorCategory.InvalidArgument,
                    $"valid --types are Normal or Warning, not \"{t}\"") { RecommendedAction = "Pass Normal, Warning or both." });
        return events.Where(e => types.Any(t => string.Equals(t, e.Type, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>
    /// Lists events as kubectl events does: in one namespace or all (<paramref name="ns"/> null), in pages of
    /// 500, and with <paramref name="forKind"/>/<paramref name="forName"/> the server-side --for field selector.
    /// </summary>
    public static async Task<IReadOnlyList<Corev1Event>> ListAsync(IKubernetes client, string? ns, string? forKind = null, string? forName = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var selector = forKind is null || forName is null ? null : FieldSelector(forKind, forName);
        var events = new List<Corev1Event>();
        string? next = null;
        do
        {
            var page = ns is null
                ? await client.CoreV1.ListEventForAllNamespacesAsync(continueParameter: next, fieldSelector: selector, limit: PageSize, cancellationToken: ct).ConfigureAwait(false)
                : await client.CoreV1.ListNamespacedEventAsync(ns, continueParameter: next, fieldSelector: selector, limit: PageSize, cancellationToken: ct).ConfigureAwait(false);
            events.AddRange(page.Items ?? []);
            next = page.Metadata?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(next));
        return events;
    }

    private const int PageSize = 500;

    private static string Since(DateTime? time, DateTime now)
        => time is DateTime t && t != default ? Columns.HumanDuration(now.ToUniversalTime() - t.ToUniversalTime()) : "<unknown>";

    /// <summary>
    /// A cell stops at its first line break ("..." marks the cut), as later kubectl does, so one event stays
    /// one table line; the full message stays on the event.
    /// </summary>
    private static string Cell(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var cut = text.AsSpan().IndexOfAny('\f', '\n', '\r');
        return cut < 0 ? text : string.Concat(text.AsSpan(0, cut), "...");
    }
}
