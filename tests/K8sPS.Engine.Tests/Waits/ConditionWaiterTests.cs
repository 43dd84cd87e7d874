using System.Text.Json.Nodes;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Waits;
using static K8sPS.Engine.Tests.Waits.FakeWatchServer;
using static K8sPS.Engine.Tests.Waits.ObjectWatchTests;

namespace K8sPS.Engine.Tests.Waits;

/// <summary>ConditionWaiter follows kubectl wait: met on the first version that holds, NotFound or met at once for a missing object, a timeout that says what it saw.</summary>
public class ConditionWaiterTests
{
    private static readonly WaitTarget Target = new("Deployment", "/apis/apps/v1/namespaces/shop/deployments", "deployments.apps", "deployment.apps", "shop");

    private static ObjectWatch Watcher(FakeWatchServer server) => new(server.Client(), Base) { ReconnectDelay = TimeSpan.FromMilliseconds(1) };

    private static string WithCondition(string rv, string status, string reason)
    {
        var o = JsonNode.Parse(Obj("web", rv))!.AsObject();
        o["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Available", ["status"] = status, ["reason"] = reason }),
        };
        return o.ToJsonString();
    }

    [Fact]
    public async Task The_wait_ends_on_the_first_version_that_meets_the_condition()
    {
        var server = new FakeWatchServer()
            .List(ListOf("10", WithCondition("9", "False", "MinimumReplicasUnavailable")))
            .Watch(Ending.Hang, Event("MODIFIED", WithCondition("11", "True", "MinimumReplicasAvailable")));
        var seen = new List<string>();
        var outcome = await ConditionWaiter.ForNameAsync(Watcher(server), Target, "web", WaitCondition.Parse("condition=Available"), TimeSpan.FromSeconds(20), c => seen.Add(c.Observed));
        Assert.Equal("deployment.apps/web condition met", outcome.ToString());
        Assert.Equal("11", outcome.Object?["metadata"]?["resourceVersion"]?.GetValue<string>());
        Assert.Equal(["condition Available is False (MinimumReplicasUnavailable)", "condition Available is False (MinimumReplicasUnavailable)", "condition Available is True (MinimumReplicasAvailable)"], seen);
    }

    [Fact]
    public async Task A_condition_on_an_object_that_does_not_exist_is_NotFound_at_once()
    {
        var server = new FakeWatchServer().List(ListOf("10"));
        var error = await Assert.ThrowsAsync<K8sException>(() => ConditionWaiter.ForNameAsync(Watcher(server), Target, "web", WaitCondition.Parse("condition=Available"), TimeSpan.FromSeconds(20)));
        Assert.Equal("NotFound", error.Error.ErrorId);
        Assert.Equal("deployments.apps \"web\" not found in namespace \"shop\"", error.Error.Message);
        Assert.Empty(server.Watches);
    }

    [Fact]
    public async Task A_delete_wait_on_an_object_that_does_not_exist_is_met_at_once()
    {
        var server = new FakeWatchServer().List(ListOf("10"));
        var outcome = await ConditionWaiter.ForNameAsync(Watcher(server), Target, "web", WaitCondition.Parse("delete"), TimeSpan.FromSeconds(20));
        Assert.Null(outcome.Object);
        Assert.Equal("the object is gone", outcome.Observed);
    }

    [Fact]
    public async Task A_delete_wait_ends_when_the_object_is_deleted_or_replaced()
    {
        var server = new FakeWatchServer()
            .List(ListOf("10", Obj("web", "9")))
            .Watch(Ending.Hang, Event("DELETED", Obj("web", "12")));
        Assert.Equal("the object is gone", (await ConditionWaiter.ForNameAsync(Watcher(server), Target, "web", WaitCondition.Parse("delete"), TimeSpan.FromSeconds(20))).Observed);

        server = new FakeWatchServer()
            .List(ListOf("10", Obj("web", "9")))
            .Watch(Ending.Hang, Event("MODIFIED", Obj("web", "12", uid: "u9")));
        Assert.StartsWith("the object was deleted and created again", (await ConditionWaiter.ForNameAsync(Watcher(server), Target, "web", WaitCondition.Parse("delete"), TimeSpan.FromSeconds(20))).Observed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_create_wait_waits_for_the_object()
    {
        var server = new FakeWatchServer().List(ListOf("10")).Watch(Ending.Hang, Event("ADDED", Obj("web", "11")));
        var outcome = await ConditionWaiter.ForNameAsync(Watcher(server), Target, "web", WaitCondition.Parse("create"), TimeSpan.FromSeconds(20));
        Assert.Equal("the object exists", outcome.Observed);
    }

    [Fact]
    public async Task The_timeout_says_what_was_seen_last()
    {
        var server = new FakeWatchServer().List(ListOf("10", WithCondition("9", "False", "MinimumReplicasUnavailable")));
        var error = await Assert.ThrowsAsync<K8sException>(() => ConditionWaiter.ForNameAsync(Watcher(server), Target, "web",
            WaitCondition.Parse("jsonpath={.spec.replicas}=3"), TimeSpan.FromMilliseconds(300)));
        Assert.Equal("WaitTimeout", error.Error.ErrorId);
        Assert.Equal("timed out waiting for the condition on deployments.apps/web (jsonpath {.spec.replicas}=3); last seen: {.spec.replicas} is 1", error.Error.Message);
        Assert.Equal("Deployment", error.Error.Kind);
    }

    [Fact]
    public async Task A_zero_timeout_checks_once()
    {
        var server = new FakeWatchServer().List(ListOf("10", Obj("web", "9")));
        var error = await Assert.ThrowsAsync<K8sException>(() => ConditionWaiter.ForNameAsync(Watcher(server), Target, "web", WaitCondition.Parse("delete"), TimeSpan.Zero));
        Assert.Equal("WaitTimeout", error.Error.ErrorId);
        Assert.Empty(server.Watches);
    }

    [Fact]
    public async Task A_create_wait_on_a_selector_names_the_first_object_that_matches()
    {
        var server = new FakeWatchServer().List(ListOf("10")).Watch(Ending.Hang, Event("ADDED", Obj("web-2", "11")));
        var outcome = await ConditionWaiter.ForAnyAsync(Watcher(server), Target, "app=web", WaitCondition.Parse("create"), TimeSpan.FromSeconds(20));
        Assert.Equal("web-2", outcome.Name);
        Assert.Contains("labelSelector=app%3Dweb", server.Watches.Single(), StringComparison.Ordinal);
    }
}
