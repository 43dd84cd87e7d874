using k8s.Models;
using K8sPS.LocalCluster.Simulator;

namespace K8sPS.LocalCluster.Tests.Simulator;

public sealed class KubeletEventTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly EventKey BackOff = new("Warning", "BackOff", "Back-off restarting failed container", "spec.containers{app}", 8);

    [Fact]
    public void A_repeating_event_is_one_event_counted_up()
    {
        var series = new[] { new EventSeries(BackOff, T0, TimeSpan.FromSeconds(10), 5), new EventSeries(BackOff, T0.AddSeconds(100), TimeSpan.FromSeconds(10), long.MaxValue) };
        var first = Assert.Single(EventAggregation.Between(series, DateTime.MinValue, DateTime.MinValue, T0.AddSeconds(25)));
        Assert.Equal((3L, T0, T0.AddSeconds(20), false), (first.Count, first.FirstTimestamp, first.LastTimestamp, first.Existed));

        var later = Assert.Single(EventAggregation.Between(series, DateTime.MinValue, T0.AddSeconds(25), T0.AddSeconds(120)));
        Assert.Equal((8L, T0.AddSeconds(120), true), (later.Count, later.LastTimestamp, later.Existed));
        Assert.Empty(EventAggregation.Between(series, DateTime.MinValue, T0.AddSeconds(50), T0.AddSeconds(99)));
    }

    [Fact]
    public void A_restarted_kubelet_counts_afresh_from_its_start()
    {
        var series = new[] { new EventSeries(BackOff, T0, TimeSpan.FromSeconds(10), 100) };
        var e = Assert.Single(EventAggregation.Between(series, T0.AddSeconds(35), T0.AddSeconds(35), T0.AddSeconds(60)));
        Assert.Equal((3L, T0.AddSeconds(40), false), (e.Count, e.FirstTimestamp, e.Existed));
    }

    [Fact]
    public void The_event_object_is_the_kubelets()
    {
        var source = new PodEventSource("shop", "web-1", "uid-9", "123", "k8sps-m02");
        var key = new EventKey("Normal", "Started", "Started container app", "spec.containers{app}", 4);
        var e = EventObjectFactory.Build(source, new AggregatedEvent(key, 2, T0, T0.AddSeconds(30), false));
        Assert.Equal("shop", e.Metadata.NamespaceProperty);
        Assert.StartsWith("web-1.", e.Metadata.Name, StringComparison.Ordinal);
        Assert.Equal(("Pod", "web-1", "uid-9", "v1", "spec.containers{app}"), (e.InvolvedObject.Kind, e.InvolvedObject.Name, e.InvolvedObject.Uid, e.InvolvedObject.ApiVersion, e.InvolvedObject.FieldPath));
        Assert.Equal(("kubelet", "k8sps-m02"), (e.Source.Component, e.Source.Host));
        Assert.Equal(("Normal", "Started", "Started container app", 2), (e.Type, e.Reason, e.Message, e.Count));
        Assert.Equal((T0, T0.AddSeconds(30)), (e.FirstTimestamp, e.LastTimestamp));
        Assert.Equal("{\"count\":2,\"lastTimestamp\":\"2026-01-01T12:00:30Z\",\"message\":\"Started container app\"}",
            EventObjectFactory.CountPatch(new AggregatedEvent(key, 2, T0, T0.AddSeconds(30), true)));
    }

    [Fact]
    public void Event_names_are_stable_and_sort_as_they_happened()
    {
        var created = EventObjectFactory.Name("web-1", T0, 3);
        var started = EventObjectFactory.Name("web-1", T0, 4);
        var later = EventObjectFactory.Name("web-1", T0.AddMilliseconds(1), 3);
        Assert.Equal(created, EventObjectFactory.Name("web-1", T0, 3));
        Assert.True(string.CompareOrdinal(created, started) < 0 && string.CompareOrdinal(started, later) < 0);
        Assert.Matches("^web-1\\.[0-9a-f]{16}$", created);
    }
}
