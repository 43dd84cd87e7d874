using System.Net;
using System.Text.Json.Nodes;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Waits;
using static K8sPS.Engine.Tests.Waits.FakeWatchServer;

namespace K8sPS.Engine.Tests.Waits;

/// <summary>
/// ObjectWatch lists then watches as client-go's reflector does: resumes a dropped watch from the last
/// resourceVersion, lists again after 410 Gone (reporting what changed meanwhile), and stops at once when cancelled.
/// </summary>
public class ObjectWatchTests
{
    private const string Path = "/apis/apps/v1/namespaces/shop/deployments";

    internal static string Obj(string name, string rv, string uid = "u1", int replicas = 1)
        => new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "shop", ["uid"] = uid, ["resourceVersion"] = rv },
            ["spec"] = new JsonObject { ["replicas"] = replicas },
        }.ToJsonString();

    internal static string ListOf(string rv, params string[] items)
        => $$"""{"kind":"DeploymentList","apiVersion":"apps/v1","metadata":{"resourceVersion":"{{rv}}"},"items":[{{string.Join(",", items)}}]}""";

    internal static string Event(string type, string obj) => $$"""{"type":"{{type}}","object":{{obj}}}""";

    private static ObjectWatch Watcher(FakeWatchServer server) => new(server.Client(), Base) { ReconnectDelay = TimeSpan.FromMilliseconds(1) };

    private static async Task<List<(WatchEventKind Type, string? Name, string? Rv)>> Take(ObjectWatch watch, int count, string? field = "metadata.name=web", string? label = null)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<(WatchEventKind, string?, string?)>();
        await foreach (var e in watch.WatchAsync(Path, field, label, cts.Token))
        {
            seen.Add((e.Type, e.Name, e.ResourceVersion));
            if (seen.Count == count) break;
        }
        return seen;
    }

    [Fact]
    public async Task Lists_then_watches_from_the_lists_version_with_the_selectors()
    {
        var server = new FakeWatchServer()
            .List(ListOf("10", Obj("web", "9")))
            .Watch(Ending.Hang, Event("MODIFIED", Obj("web", "11", replicas: 3)));
        var events = await Take(Watcher(server), 3);
        Assert.Equal([(WatchEventKind.Added, "web", "9"), (WatchEventKind.Synced, null, null), (WatchEventKind.Modified, "web", "11")], events);
        Assert.Contains("fieldSelector=metadata.name%3Dweb", server.Lists[0], StringComparison.Ordinal);
        var watch = server.Watches.Single();
        Assert.Contains("resourceVersion=10", watch, StringComparison.Ordinal);
        Assert.Contains("fieldSelector=metadata.name%3Dweb", watch, StringComparison.Ordinal);
        Assert.Contains("allowWatchBookmarks=true", watch, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dropped_connection_is_resumed_from_the_last_version_seen_without_listing_again()
    {
        var server = new FakeWatchServer()
            .List(ListOf("10", Obj("web", "9")))
            .Watch(Ending.Drop, Event("MODIFIED", Obj("web", "11")))
            .Watch(Ending.Close, """{"type":"BOOKMARK","object":{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"resourceVersion":"15"}}}""")
            .Watch(Ending.Hang, Event("MODIFIED", Obj("web", "16")));
        var events = await Take(Watcher(server), 4);
        Assert.Equal([WatchEventKind.Added, WatchEventKind.Synced, WatchEventKind.Modified, WatchEventKind.Modified], events.Select(e => e.Type));
        Assert.Equal("16", events[^1].Rv);
        Assert.Single(server.Lists);
        Assert.Equal(3, server.Watches.Count);
        Assert.Contains("resourceVersion=11", server.Watches[1], StringComparison.Ordinal);   // after the drop
        Assert.Contains("resourceVersion=15", server.Watches[2], StringComparison.Ordinal);   // after the bookmark and a normal end
    }

    [Fact]
    public async Task After_410_Gone_it_lists_again_and_reports_what_changed_meanwhile()
    {
        var server = new FakeWatchServer()
            .List(ListOf("10", Obj("web", "9"), Obj("old", "8", uid: "u2")))
            .Watch(Ending.Hang, """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 10 (20)","reason":"Expired","code":410}}""")
            .List(ListOf("30", Obj("web", "25"), Obj("new", "29", uid: "u3")))
            .WatchStatus(HttpStatusCode.Gone, """{"kind":"Status","code":410,"reason":"Expired"}""")
            .List(ListOf("31", Obj("web", "25"), Obj("new", "29", uid: "u3")))
            .Watch(Ending.Hang, Event("DELETED", Obj("web", "32")));
        var events = await Take(Watcher(server), 7, field: null, label: "app=web");
        Assert.Equal(
        [
            (WatchEventKind.Added, "web", "9"), (WatchEventKind.Added, "old", "8"), (WatchEventKind.Synced, null, null),
            (WatchEventKind.Modified, "web", "25"), (WatchEventKind.Added, "new", "29"), (WatchEventKind.Deleted, "old", "8"),
            (WatchEventKind.Deleted, "web", "32"),
        ], events);
        Assert.Equal(3, server.Lists.Count);
        Assert.All(server.Requests, r => Assert.Contains("labelSelector=app%3Dweb", r, StringComparison.Ordinal));
        Assert.Contains("resourceVersion=31", server.Watches[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_watch_error_other_than_410_is_the_servers_error()
    {
        var server = new FakeWatchServer()
            .List(ListOf("10"))
            .Watch(Ending.Hang, """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"deployments.apps is forbidden: User \"x\" cannot watch resource","reason":"Forbidden","code":403}}""");
        var error = await Assert.ThrowsAsync<K8sException>(() => Take(Watcher(server), 5));
        Assert.Equal("Forbidden", error.Error.ErrorId);
        Assert.Contains("cannot watch", error.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_that_keeps_dropping_is_reported_after_the_retries()
    {
        var server = new FakeWatchServer().List(ListOf("10"));
        for (var i = 0; i < 5; i++) server.Watch(Ending.Drop);
        var watch = new ObjectWatch(server.Client(), Base) { ReconnectDelay = TimeSpan.FromMilliseconds(1), MaxConsecutiveFailures = 3 };
        var error = await Assert.ThrowsAsync<K8sException>(() => Take(watch, 5));
        Assert.Equal("IOError", error.Error.ErrorId);
        Assert.Equal(4, server.Watches.Count);
    }

    [Fact]
    public async Task Cancelling_ends_a_watch_that_is_waiting_for_its_next_line()
    {
        var server = new FakeWatchServer().List(ListOf("10", Obj("web", "9"))).Watch(Ending.Hang);
        using var cts = new CancellationTokenSource();
        var count = 0;
        var run = Task.Run(async () =>
        {
            await foreach (var _ in Watcher(server).WatchAsync(Path, null, null, cts.Token)) count++;
        });
        while (server.Watches.Count == 0) await Task.Delay(10);
        await Task.Delay(50);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, count);
    }
}
