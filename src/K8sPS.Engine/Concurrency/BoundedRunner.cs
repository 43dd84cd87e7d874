using System.Runtime.CompilerServices;

namespace K8sPS.Engine.Concurrency;

/// <summary>What became of one item: <see cref="Error"/> is null when its work succeeded.</summary>
public readonly record struct Outcome<T>(T Item, Exception? Error);

/// <summary>
/// Runs work for items as they arrive (pipeline input), at most <c>limit</c> at once, without
/// waiting for one to finish before taking the next. <see cref="StartAsync"/> waits only for a free
/// slot and for the work's synchronous start (up to its first await: building and sending a request),
/// which runs on the caller's thread: a hop to the thread pool per item cost more CPU than that start.
/// Failures are kept per item and handed back, in the order the items were started, by
/// <see cref="TakeCompleted"/> and <see cref="DrainAsync"/>, so the caller reports them where it can
/// (the pipeline thread) and in input order.
/// </summary>
public sealed class BoundedRunner<T> : IDisposable
{
    private readonly SemaphoreSlim _gate;
    private readonly Queue<Task<Outcome<T>>> _started = new();

    public BoundedRunner(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        _gate = new SemaphoreSlim(limit);
    }

    /// <summary>Items started whose outcome has not been handed back yet.</summary>
    public int Pending { get { lock (_started) return _started.Count; } }

    /// <summary>Waits for a free slot, then starts <paramref name="work"/> for <paramref name="item"/> and returns.</summary>
    public async Task StartAsync(T item, Func<T, CancellationToken, Task> work, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        var task = RunAsync(item, work, ct);
        lock (_started) _started.Enqueue(task);
    }

    private async Task<Outcome<T>> RunAsync(T item, Func<T, CancellationToken, Task> work, CancellationToken ct)
    {
        try
        {
            await work(item, ct).ConfigureAwait(false);
            return new Outcome<T>(item, null);
        }
        catch (Exception e) { return new Outcome<T>(item, e); }
        finally { _gate.Release(); }
    }

    /// <summary>The outcomes of the finished items at the head of the start order; does not wait.</summary>
    public IReadOnlyList<Outcome<T>> TakeCompleted()
    {
        var list = new List<Outcome<T>>();
        lock (_started)
            while (_started.TryPeek(out var head) && head.IsCompleted)
                list.Add(_started.Dequeue().Result);
        return list;
    }

    /// <summary>Yields the outcome of every started item not handed back yet, in start order, as each finishes.</summary>
    public async IAsyncEnumerable<Outcome<T>> DrainAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        while (true)
        {
            Task<Outcome<T>> head;
            lock (_started)
                if (!_started.TryPeek(out head!)) yield break;
            var outcome = await head.WaitAsync(ct).ConfigureAwait(false);
            lock (_started) _started.Dequeue();
            yield return outcome;
        }
    }

    /// <summary>Runs <paramref name="work"/> for every item, at most <paramref name="limit"/> at once, and returns every outcome in item order.</summary>
    public static async Task<IReadOnlyList<Outcome<T>>> RunAllAsync(IEnumerable<T> items, int limit, Func<T, CancellationToken, Task> work, CancellationToken ct)
    {
        using var runner = new BoundedRunner<T>(limit);
        foreach (var item in items) await runner.StartAsync(item, work, ct).ConfigureAwait(false);
        var all = new List<Outcome<T>>();
        await foreach (var o in runner.DrainAsync(ct).ConfigureAwait(false)) all.Add(o);
        return all;
    }

    public void Dispose() => _gate.Dispose();
}
