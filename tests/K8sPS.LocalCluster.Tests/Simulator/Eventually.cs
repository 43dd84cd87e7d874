namespace K8sPS.LocalCluster.Tests.Simulator;

/// <summary>Bounded waits on the cluster's state, failing with what was last seen rather than a bare timeout.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <param name="check">Returns whether the wait is over, and a description of what it saw.</param>
    public static async Task WaitAsync(Func<Task<(bool Done, string Seen)>> check, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        var seen = "nothing yet";
        while (true)
        {
            (var done, seen) = await check();
            if (done) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0}s for {what}; last seen: {seen}");
            await Task.Delay(250);
        }
    }

    public static Task WaitAsync(Func<Task<(bool Done, string Seen)>> check, string what) => WaitAsync(check, DefaultTimeout, what);
}
