using K8sPS.LocalCluster.Simulator;

namespace K8sPS.LocalCluster.Tests.Simulator;

public sealed class KeyedWorkQueueTests
{
    [Fact]
    public async Task A_key_added_many_times_while_waiting_is_handed_out_once()
    {
        using var queue = new KeyedWorkQueue<string>();
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");
        Assert.Equal("a", await queue.TakeAsync(CancellationToken.None));
        Assert.Equal("b", await queue.TakeAsync(CancellationToken.None));
        queue.Done("a");
        queue.Done("b");
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_key_added_while_worked_on_comes_back_only_after_done()
    {
        using var queue = new KeyedWorkQueue<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        queue.Add("a");
        var key = await queue.TakeAsync(timeout.Token);
        queue.Add("a");
        var second = queue.TakeAsync(timeout.Token).AsTask();
        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        queue.Done(key);
        Assert.Equal("a", await second);
    }

    [Fact]
    public async Task Delayed_keys_come_due_in_time_order_from_one_timer()
    {
        using var queue = new KeyedWorkQueue<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var timer = queue.RunTimerAsync(stop.Token);
        var now = DateTime.UtcNow;
        queue.AddAt("late", now.AddMilliseconds(300));
        queue.AddAt("soon", now.AddMilliseconds(100));
        Assert.Equal("soon", await queue.TakeAsync(stop.Token));
        Assert.Equal("late", await queue.TakeAsync(stop.Token));
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => timer);
    }
}
