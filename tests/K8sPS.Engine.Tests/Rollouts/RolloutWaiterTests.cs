using k8s;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Rollouts;
using K8sPS.Engine.Waits;
using K8sPS.Engine.Tests.Waits;
using static K8sPS.Engine.Tests.Rollouts.Fixtures;
using static K8sPS.Engine.Tests.Waits.FakeWatchServer;

namespace K8sPS.Engine.Tests.Rollouts;

/// <summary>RolloutWaiter is kubectl rollout status over a watch of the one object: kubectl's lines as progress, the final state as the result.</summary>
public class RolloutWaiterTests
{
    private static string Web(string rv, int updated, int total, int available, string? progressReason = null)
    {
        var d = Deployment("web", Template("web", ("web", "nginx")), revision: 2);
        d.Metadata.ResourceVersion = rv;
        d.Metadata.Generation = 2;
        d.Status = new V1DeploymentStatus { ObservedGeneration = 2, UpdatedReplicas = updated, Replicas = total, AvailableReplicas = available, ReadyReplicas = available };
        if (progressReason is not null)
            d.Status.Conditions = [new V1DeploymentCondition { Type = "Progressing", Status = "False", Reason = progressReason, Message = "ReplicaSet \"web-5d\" has timed out progressing." }];
        return KubernetesJson.Serialize(d);
    }

    private static string Ev(string type, string obj) => ObjectWatchTests.Event(type, obj);

    private static ObjectWatch Watcher(FakeWatchServer server) => new(server.Client(), Base) { ReconnectDelay = TimeSpan.FromMilliseconds(1) };

    [Fact]
    public async Task Reports_kubectls_lines_until_the_rollout_is_done_and_returns_the_final_state()
    {
        var server = new FakeWatchServer()
            .List(ObjectWatchTests.ListOf("10", Web("9", 1, 3, 2)))
            .Watch(Ending.Drop, Ev("MODIFIED", Web("11", 3, 4, 3)))
            .Watch(Ending.Hang, Ev("MODIFIED", Web("12", 3, 3, 1)), Ev("MODIFIED", Web("13", 3, 3, 1)), Ev("MODIFIED", Web("14", 3, 3, 3)));
        var lines = new List<string>();
        var result = await RolloutWaiter.WaitAsync(Watcher(server), "deploy", "shop", "web", progress: s => lines.Add(s.Message));
        Assert.Equal(
        [
            "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...",
            "Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...",
            "Waiting for deployment \"web\" rollout to finish: 1 of 3 updated replicas are available...",
            "deployment \"web\" successfully rolled out",
        ], lines);
        Assert.True(result.Done);
        Assert.Equal("deployment \"web\" successfully rolled out", result.Message);
        Assert.Equal((2L, 3, 3, 3), (result.Revision!.Value, result.Replicas!.Value, result.UpdatedReplicas, result.AvailableReplicas));
        Assert.Equal("14", ((V1Deployment)result.Object).Metadata.ResourceVersion);
        Assert.Contains("resourceVersion=11", server.Watches[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exceeded_progress_deadline_ends_the_wait_with_its_error()
    {
        var server = new FakeWatchServer()
            .List(ObjectWatchTests.ListOf("10", Web("9", 1, 3, 2)))
            .Watch(Ending.Hang, Ev("MODIFIED", Web("11", 1, 3, 2, "ProgressDeadlineExceeded")));
        var error = await Assert.ThrowsAsync<K8sException>(() => RolloutWaiter.WaitAsync(Watcher(server), "Deployment", "shop", "web"));
        Assert.Equal("ProgressDeadlineExceeded", error.Error.ErrorId);
        Assert.Contains("exceeded its progress deadline", error.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_object_is_NotFound_and_a_deleted_one_ends_the_wait()
    {
        var missing = new FakeWatchServer().List(ObjectWatchTests.ListOf("10"));
        var error = await Assert.ThrowsAsync<K8sException>(() => RolloutWaiter.WaitAsync(Watcher(missing), "Deployment", "shop", "web"));
        Assert.Equal(("NotFound", "deployments.apps \"web\" not found in namespace \"shop\""), (error.Error.ErrorId, error.Error.Message));

        var deleted = new FakeWatchServer().List(ObjectWatchTests.ListOf("10", Web("9", 1, 3, 2))).Watch(Ending.Hang, Ev("DELETED", Web("11", 1, 3, 2)));
        error = await Assert.ThrowsAsync<K8sException>(() => RolloutWaiter.WaitAsync(Watcher(deleted), "Deployment", "shop", "web"));
        Assert.Equal("ObjectDeleted", error.Error.ErrorId);
        Assert.Contains("object has been deleted", error.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_timeout_says_what_was_seen_last()
    {
        var server = new FakeWatchServer().List(ObjectWatchTests.ListOf("10", Web("9", 3, 3, 1)));
        var error = await Assert.ThrowsAsync<K8sException>(() => RolloutWaiter.WaitAsync(Watcher(server), "Deployment", "shop", "web", timeout: TimeSpan.FromMilliseconds(300)));
        Assert.Equal("WaitTimeout", error.Error.ErrorId);
        Assert.Equal("timed out waiting for the rollout of deployment.apps/web after 300ms; last seen: Waiting for deployment \"web\" rollout to finish: 1 of 3 updated replicas are available...", error.Error.Message);
    }

    [Fact]
    public async Task A_revision_other_than_the_running_one_fails_as_kubectls()
    {
        var server = new FakeWatchServer().List(ObjectWatchTests.ListOf("10", Web("9", 3, 3, 3)));
        var error = await Assert.ThrowsAsync<K8sException>(() => RolloutWaiter.WaitAsync(Watcher(server), "Deployment", "shop", "web", revision: 1));
        Assert.Equal("desired revision (1) is different from the running revision (2)", error.Error.Message);
    }

    [Fact]
    public async Task Kinds_without_a_rollout_are_refused_before_anything_is_sent()
    {
        var server = new FakeWatchServer();
        var error = await Assert.ThrowsAsync<K8sException>(() => RolloutWaiter.WaitAsync(Watcher(server), "rs", "shop", "web"));
        Assert.Equal("KindNotSupported", error.Error.ErrorId);
        Assert.Contains("Deployment, StatefulSet, DaemonSet", error.Error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}
