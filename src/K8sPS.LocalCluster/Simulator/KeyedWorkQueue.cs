using System.Threading.Channels;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// A queue of keys to reconcile, as controllers use: a key waiting is queued once however often it
/// is added, and a key being worked on is never handed to a second worker (it is re-queued when the
/// first one is done). Delayed adds wait in one shared timer, not one timer per key.
/// </summary>
public sealed class KeyedWorkQueue<TKey> : IDisposable where TKey : notnull
{
    private readonly Channel<TKey> _ready = Channel.CreateUnbounded<TKey>(new UnboundedChannelOptions { SingleReader = false });
    private readonly HashSet<TKey> _waiting = new();
    private readonly HashSet<TKey> _working = new();
    private readonly PriorityQueue<TKey, DateTime> _later = new();
    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _laterChanged = new(0);

    public KeyedWorkQueue(TimeProvider? clock = null) => _clock = clock ?? TimeProvider.System;

    public void Add(TKey key)
    {
        lock (_gate)
        {
            if (!_waiting.Add(key) || _working.Contains(key)) return;
        }
        _ready.Writer.TryWrite(key);
    }

    /// <summary>Adds the key at <paramref name="due"/> (now if that has passed).</summary>
    public void AddAt(TKey key, DateTime due)
    {
        if (due <= _clock.GetUtcNow().UtcDateTime) { Add(key); return; }
        bool earliest;
        lock (_gate)
        {
            earliest = !_later.TryPeek(out _, out var first) || due < first;
            _later.Enqueue(key, due);
        }
        if (earliest) _laterChanged.Release();
    }

    /// <summary>Waits for the next key; pair every call with <see cref="Done"/>.</summary>
    public async ValueTask<TKey> TakeAsync(CancellationToken ct)
    {
        while (true)
        {
            var key = await _ready.Reader.ReadAsync(ct).ConfigureAwait(false);
            lock (_gate)
            {
                // Stale entries (already taken by an earlier read) are skipped.
                if (!_waiting.Remove(key)) continue;
                _working.Add(key);
                return key;
            }
        }
    }

    public void Done(TKey key)
    {
        bool again;
        lock (_gate)
        {
            _working.Remove(key);
            again = _waiting.Contains(key);
        }
        if (again) _ready.Writer.TryWrite(key);
    }

    public int Count { get { lock (_gate) return _waiting.Count + _working.Count + _later.Count; } }

    /// <summary>Keys ready or being worked on now (delayed ones not counted): is there work at this moment?</summary>
    public int ActiveCount { get { lock (_gate) return _waiting.Count + _working.Count; } }

    /// <summary>Moves delayed keys to the ready queue as they fall due. Run once per queue.</summary>
    public async Task RunTimerAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TimeSpan wait;
            var due = new List<TKey>();
            lock (_gate)
            {
                var now = _clock.GetUtcNow().UtcDateTime;
                while (_later.TryPeek(out var key, out var at) && at <= now)
                {
                    _later.Dequeue();
                    due.Add(key);
                }
                wait = _later.TryPeek(out _, out var next) ? next - now : Timeout.InfiniteTimeSpan;
            }
            foreach (var key in due) Add(key);
            // Woken early when a sooner key arrives.
            if (wait == Timeout.InfiniteTimeSpan) await _laterChanged.WaitAsync(ct).ConfigureAwait(false);
            else await _laterChanged.WaitAsync(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, ct).ConfigureAwait(false);
        }
    }

    public void Dispose() => _laterChanged.Dispose();
}
