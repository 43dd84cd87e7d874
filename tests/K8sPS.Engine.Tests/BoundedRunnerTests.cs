using System.Net;
using k8s.Autorest;
using k8s.Models;
using K8sPS.Engine.Concurrency;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Waits;

namespace K8sPS.Engine.Tests;

public class BoundedRunnerTests
{
    [Fact]
    public async Task StartDoesNotWaitForTheWorkAndKeepsAtMostLimitInFlight()
    {
        using var runner = new BoundedRunner<int>(3);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int running = 0, most = 0;
        async Task Work(int i, CancellationToken ct)
        {
            var now = Interlocked.Increment(ref running);
            lock (runner) most = Math.Max(most, now);
            await release.Task.WaitAsync(ct);
            Interlocked.Decrement(ref running);
        }
        for (var i = 0; i < 3; i++)
            await runner.StartAsync(i, Work, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        var fourth = runner.StartAsync(3, Work, CancellationToken.None);
        await Task.Delay(100);
        Assert.False(fourth.IsCompleted); // no free slot while 3 are in flight
        release.SetResult();
        await fourth.WaitAsync(TimeSpan.FromSeconds(5));
        var outcomes = new List<Outcome<int>>(runner.TakeCompleted());
        await foreach (var o in runner.DrainAsync()) outcomes.Add(o);
        Assert.Equal([0, 1, 2, 3], outcomes.Select(o => o.Item)); // start order
        Assert.All(outcomes, o => Assert.Null(o.Error));
        Assert.Equal(0, runner.Pending);
        Assert.True(most <= 3);
    }

    [Fact]
    public async Task FailuresAreKeptPerItemAndTheOthersGoOn()
    {
        var outcomes = await BoundedRunner<string>.RunAllAsync(["a", "missing", "b"], 16,
            (s, _) => s == "missing" ? throw new InvalidOperationException("gone") : Task.CompletedTask, CancellationToken.None);
        Assert.Equal(["a", "missing", "b"], outcomes.Select(o => o.Item));
        var failed = Assert.Single(outcomes, o => o.Error is not null);
        Assert.Equal("missing", failed.Item);
        Assert.IsType<InvalidOperationException>(failed.Error);
    }

    [Fact]
    public async Task HandsOutcomesBackInStartOrderEvenWhenLaterItemsFinishFirst()
    {
        using var runner = new BoundedRunner<int>(4);
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await runner.StartAsync(0, (_, ct) => first.Task.WaitAsync(ct), CancellationToken.None);
        await runner.StartAsync(1, (_, _) => throw new InvalidOperationException("1"), CancellationToken.None);
        await Task.Delay(100);
        Assert.Empty(runner.TakeCompleted()); // item 1 is done, but item 0 is not
        first.SetResult();
        var drained = new List<Outcome<int>>();
        await foreach (var o in runner.DrainAsync()) drained.Add(o);
        Assert.Equal([0, 1], drained.Select(o => o.Item));
        Assert.Null(drained[0].Error);
        Assert.NotNull(drained[1].Error);
    }

    [Fact]
    public async Task CancellationStopsWaitingForASlotAndTheWorkInFlight()
    {
        using var runner = new BoundedRunner<int>(1);
        using var cts = new CancellationTokenSource();
        var sawCancel = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await runner.StartAsync(1, async (_, ct) =>
        {
            ct.Register(() => sawCancel.TrySetResult());
            await release.Task; // holds the slot until the test lets go
            ct.ThrowIfCancellationRequested();
        }, cts.Token);
        var second = runner.StartAsync(2, (_, _) => Task.CompletedTask, cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.WaitAsync(TimeSpan.FromSeconds(5)));
        await sawCancel.Task.WaitAsync(TimeSpan.FromSeconds(5)); // the work in flight got the cancellation
        release.SetResult();
        var drained = new List<Outcome<int>>();
        await foreach (var o in runner.DrainAsync()) drained.Add(o);
        var outcome = Assert.Single(drained);
        Assert.IsAssignableFrom<OperationCanceledException>(outcome.Error);
    }
}

public class DeletionWaitTests
{
    private static HttpOperationException Http(HttpStatusCode code)
        => new() { Response = new HttpResponseMessageWrapper(new HttpResponseMessage(code), "") };

    private static Func<CancellationToken, Task<string?>> Sequence(params string?[] uids)
    {
        var i = 0;
        return _ => Task.FromResult(uids[Math.Min(i++, uids.Length - 1)]);
    }

    [Fact]
    public async Task Returns_once_nothing_has_the_name()
    {
        var calls = 0;
        var uids = Sequence("u1", "u1", null);
        await DeletionWait.WaitGoneAsync(c => { calls++; return uids(c); }, "pod/web-1", "Pod", "default", "web-1", null,
            TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(1), CancellationToken.None);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Returns_once_another_object_took_the_name()
    {
        await DeletionWait.WaitGoneAsync(Sequence("old", "old", "new"), "pod/web-1", "Pod", "default", "web-1", "old",
            TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(1), CancellationToken.None);
    }

    [Fact]
    public async Task A_typed_read_answering_404_means_gone()
    {
        var calls = 0;
        var probe = DeletionWait.UidOf(_ => ++calls < 3 ? Task.FromResult<object>(new V1Pod { Metadata = new V1ObjectMeta { Uid = "u" } }) : throw Http(HttpStatusCode.NotFound));
        await DeletionWait.WaitGoneAsync(probe, "pod/web-1", "Pod", "default", "web-1", null, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(1), CancellationToken.None);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Times_out_with_a_WaitTimeout_error_that_names_the_object()
    {
        var e = await Assert.ThrowsAsync<K8sException>(() => DeletionWait.WaitGoneAsync(Sequence("u"), "deployment.apps/web", "Deployment", "default", "web", null,
            TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(10), CancellationToken.None));
        Assert.Equal("WaitTimeout", e.Error.ErrorId);
        Assert.Equal(K8sErrorCategory.Timeout, e.Error.Category);
        Assert.Equal("web", e.Error.Name);
        Assert.StartsWith("deployment.apps/web in namespace \"default\" was still there after 0 s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_errors_and_cancellation_pass_through()
    {
        var forbidden = DeletionWait.UidOf(_ => throw Http(HttpStatusCode.Forbidden));
        await Assert.ThrowsAsync<HttpOperationException>(() => DeletionWait.WaitGoneAsync(forbidden, "pod/web-1", "Pod", "default", "web-1", null,
            TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(1), CancellationToken.None));
        using var cts = new CancellationTokenSource(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DeletionWait.WaitGoneAsync(Sequence("u"), "pod/web-1", "Pod", "default", "web-1", null,
            TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(10), cts.Token));
    }
}
