using System.Net;
using k8s;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Events;
using K8sPS.Engine.Tests.Rollouts;

namespace K8sPS.Engine.Tests.Events;

/// <summary>EventView follows kubectl 1.32's `kubectl events`: its order, its LAST SEEN text, its table, its --for and --types.</summary>
public class EventViewTests
{
    private static readonly DateTime Now = new(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    private static Corev1Event Event(string type, string reason, string message, DateTime? first = null, DateTime? last = null, int? count = null,
        DateTime? eventTime = null, Corev1EventSeries? series = null, string kind = "Pod", string name = "web-1", string ns = "shop", string? uid = "uid-web-1")
        => new()
        {
            Metadata = new V1ObjectMeta { Name = $"{name}.{reason}", NamespaceProperty = ns },
            InvolvedObject = new V1ObjectReference { Kind = kind, Name = name, NamespaceProperty = ns, Uid = uid },
            Type = type,
            Reason = reason,
            Message = message,
            FirstTimestamp = first,
            LastTimestamp = last,
            Count = count,
            EventTime = eventTime,
            Series = series,
        };

    [Fact]
    public void Last_seen_reads_as_kubectls_interval()
    {
        Assert.Equal("5m", EventView.LastSeen(Event("Normal", "Scheduled", "", first: Now.AddMinutes(-5), last: Now.AddMinutes(-5), count: 1), Now));
        Assert.Equal("2m (x3 over 5m)", EventView.LastSeen(Event("Warning", "BackOff", "", first: Now.AddMinutes(-5), last: Now.AddMinutes(-2), count: 3), Now));
        Assert.Equal("30s (x4 over 90s)", EventView.LastSeen(Event("Normal", "Pulled", "", eventTime: Now.AddSeconds(-90),
            series: new Corev1EventSeries { Count = 4, LastObservedTime = Now.AddSeconds(-30) }), Now));
        Assert.Equal("10s", EventView.LastSeen(Event("Normal", "Started", "", eventTime: Now.AddSeconds(-10)), Now));
        Assert.Equal("<unknown>", EventView.LastSeen(Event("Normal", "Pulled", ""), Now));
        // a single event shows the age of its first occurrence, not its last
        Assert.Equal("3h", EventView.LastSeen(Event("Normal", "Created", "", first: Now.AddHours(-3), last: Now.AddMinutes(-1), count: 1), Now));
        Assert.Equal("<unknown> (x2 over 10m)", EventView.LastSeen(Event("Normal", "Killing", "", first: Now.AddMinutes(-10), count: 2), Now));
    }

    [Fact]
    public void Events_sort_oldest_first_by_series_then_last_timestamp_then_event_time()
    {
        var none = Event("Normal", "A", "");
        var seriesLate = Event("Normal", "B", "", last: Now.AddHours(-5), series: new Corev1EventSeries { Count = 2, LastObservedTime = Now.AddSeconds(-5) });
        var lastOld = Event("Normal", "C", "", first: Now.AddHours(-2), last: Now.AddHours(-1), count: 2);
        var eventTimeMid = Event("Normal", "D", "", eventTime: Now.AddMinutes(-10));
        var sorted = EventView.Sort([seriesLate, eventTimeMid, none, lastOld]);
        Assert.Equal(["A", "C", "D", "B"], sorted.Select(e => e.Reason));
    }

    [Fact]
    public void The_table_is_kubectl_events_text()
    {
        var events = new[]
        {
            Event("Warning", "BackOff", "Back-off restarting failed container\nwith more detail", first: Now.AddMinutes(-5), last: Now.AddMinutes(-2), count: 3),
            Event("Normal", "Scheduled", "  Successfully assigned shop/web-1 to node-1 ", first: Now.AddMinutes(-5), last: Now.AddMinutes(-5), count: 1),
            Event("Normal", "Pulled", "Container image \"nginx\" already present"),
        };
        Assert.Equal(
            "LAST SEEN         TYPE      REASON      OBJECT      MESSAGE\n" +
            "<unknown>         Normal    Pulled      Pod/web-1   Container image \"nginx\" already present\n" +
            "5m                Normal    Scheduled   Pod/web-1   Successfully assigned shop/web-1 to node-1\n" +
            "2m (x3 over 5m)   Warning   BackOff     Pod/web-1   Back-off restarting failed container...\n",
            EventView.Table(events, Now));
    }

    [Fact]
    public void With_all_namespaces_the_namespace_comes_first_and_headers_can_go()
    {
        var events = new[] { Event("Normal", "Scheduled", "ok", first: Now.AddSeconds(-45), ns: "kube-system", name: "dns-1") };
        Assert.Equal(
            "NAMESPACE     LAST SEEN   TYPE     REASON      OBJECT      MESSAGE\n" +
            "kube-system   45s         Normal   Scheduled   Pod/dns-1   ok\n",
            EventView.Table(events, Now, allNamespaces: true));
        Assert.Equal("45s   Normal   Scheduled   Pod/dns-1   ok\n", EventView.Table(events, Now, noHeaders: true));
    }

    [Fact]
    public void Rows_keep_the_columns_and_the_event()
    {
        var e = Event("Warning", "FailedMount", "MountVolume.SetUp failed", first: Now.AddMinutes(-1), kind: "Pod", name: "db-0");
        var row = Assert.Single(EventView.Rows([e], Now));
        Assert.Equal(new EventRow("shop", "60s", "Warning", "FailedMount", "Pod/db-0", "MountVolume.SetUp failed", e), row);
    }

    [Fact]
    public void Events_for_an_object_match_kind_name_namespace_and_uid()
    {
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = "web-1", NamespaceProperty = "shop", Uid = "uid-web-1" } };
        var mine = Event("Normal", "Scheduled", "");
        var noUid = Event("Normal", "Pulled", "", uid: null);
        var earlierPod = Event("Normal", "Killing", "", uid: "uid-of-an-earlier-web-1");
        var otherNs = Event("Normal", "Created", "", ns: "test");
        var otherKind = Event("Normal", "ScalingReplicaSet", "", kind: "Deployment");
        var otherName = Event("Normal", "Started", "", name: "web-2");
        Assert.Equal(["Scheduled", "Pulled"],
            EventView.For([mine, noUid, earlierPod, otherNs, otherKind, otherName], pod).Select(e => e.Reason));
        Assert.True(EventView.IsFor(earlierPod, "Pod", "web-1")); // kubectl's --for only looks at kind and name
        Assert.Equal("involvedObject.kind=Pod,involvedObject.name=web-1", EventView.FieldSelector("Pod", "web-1"));
    }

    [Fact]
    public void Types_filter_as_kubectl_does()
    {
        var events = new[] { Event("Normal", "A", ""), Event("Warning", "B", ""), Event("warning", "C", "") };
        Assert.Equal(["B", "C"], EventView.OfTypes(events, ["WARNING"]).Select(e => e.Reason));
        Assert.Equal(3, EventView.OfTypes(events, []).Count());
        var error = Assert.Throws<K8sException>(() => EventView.OfTypes(events, ["Error"])).Error;
        Assert.Equal("InvalidEventType", error.ErrorId);
        Assert.StartsWith("valid --types are Normal or Warning", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_events_reads_as_kubectl_says_it()
    {
        Assert.Equal("No events found in shop namespace.", EventView.NoEventsMessage("shop"));
        Assert.Equal("No events found.", EventView.NoEventsMessage(null));
    }

    [Fact]
    public async Task Listing_follows_continue_tokens_and_sends_the_for_selector()
    {
        var api = new FakeApi(r => (HttpStatusCode.OK, KubernetesJson.Serialize(new Corev1EventList
        {
            ApiVersion = "v1",
            Kind = "EventList",
            Metadata = new V1ListMeta { ContinueProperty = r.PathAndQuery.Contains("continue=", StringComparison.Ordinal) ? null : "page2" },
            Items = [Event("Normal", r.PathAndQuery.Contains("continue=", StringComparison.Ordinal) ? "Second" : "First", "")],
        })));
        var events = await EventView.ListAsync(api.Client(), "shop", "Pod", "web-1");
        Assert.Equal(["First", "Second"], events.Select(e => e.Reason));
        Assert.Equal(2, api.Requests.Count);
        Assert.All(api.Requests, r =>
        {
            Assert.StartsWith("/api/v1/namespaces/shop/events?", r.PathAndQuery, StringComparison.Ordinal);
            Assert.Contains("fieldSelector=involvedObject.kind%3DPod%2CinvolvedObject.name%3Dweb-1", r.PathAndQuery, StringComparison.Ordinal);
            Assert.Contains("limit=500", r.PathAndQuery, StringComparison.Ordinal);
        });
        Assert.Contains("continue=page2", api.Requests[1].PathAndQuery, StringComparison.Ordinal);

        var all = new FakeApi(_ => (HttpStatusCode.OK, """{"apiVersion":"v1","kind":"EventList","metadata":{},"items":[]}"""));
        Assert.Empty(await EventView.ListAsync(all.Client(), null));
        Assert.StartsWith("/api/v1/events?", Assert.Single(all.Requests).PathAndQuery, StringComparison.Ordinal);
    }
}
