using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Models;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// Writes the simulated kubelets' Events, behind the pod status work: events are handed over only
/// after the status they describe was written, wait while status work is queued, and go out at no more
/// than <see cref="NodeSimulatorOptions.MaxEventsPerSecond"/> (so thousands of pods coming up, and
/// whatever else the API server does meanwhile, are not slowed by their events); an event that happens
/// again before it was written is counted into the pending one, never queued twice. Bounded: past
/// <see cref="MaxPending"/> waiting events new ones are dropped, as a kubelet's full event queue drops
/// them, and the waiting events of a pod that is gone are dropped too.
/// </summary>
internal sealed class KubeletEventRecorder : IDisposable
{
    public const int MaxPending = 10_000;
    private static readonly TimeSpan MaxYield = TimeSpan.FromSeconds(1);

    private readonly IKubernetes _client;
    private readonly NodeSimulatorOptions _options;
    private readonly Func<bool> _statusWorkQueued;
    private readonly Func<string, bool> _podExists;
    private readonly TimeProvider _clock;
    private readonly KeyedWorkQueue<string> _queue;
    private readonly object _rateGate = new();
    private readonly TimeSpan _interval;
    private readonly TimeSpan _burstWindow;
    // The theoretical arrival time of the next write (GCRA): writes run ahead of it by at most the burst.
    private DateTime _nextWrite = DateTime.MinValue;
    private readonly ConcurrentDictionary<string, (PodEventSource Source, AggregatedEvent Event)> _pending = new();
    private long _dropped;

    public KubeletEventRecorder(IKubernetes client, NodeSimulatorOptions options, Func<bool> statusWorkQueued, Func<string, bool> podExists, TimeProvider clock)
    {
        _client = client;
        _options = options;
        _statusWorkQueued = statusWorkQueued;
        _podExists = podExists;
        _clock = clock;
        _queue = new KeyedWorkQueue<string>(clock);
        _interval = TimeSpan.FromSeconds(1.0 / options.MaxEventsPerSecond);
        _burstWindow = _interval * options.EventBurst;
    }

    public int Pending => _pending.Count;

    public void Record(PodEventSource source, IEnumerable<AggregatedEvent> events)
    {
        foreach (var e in events)
        {
            var name = EventObjectFactory.Name(source.PodName, e.FirstTimestamp, e.Key.Order);
            var added = false;
            _pending.AddOrUpdate(name,
                _ =>
                {
                    added = true;
                    return (source, e);
                },
                (_, old) => (source, old.Event with
                {
                    Count = Math.Max(old.Event.Count, e.Count),
                    LastTimestamp = e.LastTimestamp > old.Event.LastTimestamp ? e.LastTimestamp : old.Event.LastTimestamp,
                }));
            if (added && _pending.Count > MaxPending)
            {
                _pending.TryRemove(name, out _);
                if (Interlocked.Increment(ref _dropped) % 1000 == 1)
                    _options.Log?.Invoke($"events: more than {MaxPending} waiting to be written; dropping ({_dropped} so far)");
                continue;
            }
            _queue.Add(name);
        }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var workers = Enumerable.Range(0, _options.MaxConcurrentEventWrites).Select(_ => WorkAsync(ct)).ToList();
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            string name;
            try { name = await _queue.TakeAsync(ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            try
            {
                if (!_pending.TryRemove(name, out var item)) continue;
                // A pod deleted meanwhile (its namespace too, often): nobody will look for its events.
                if (!_podExists(item.Source.PodUid)) continue;
                await YieldToStatusWorkAsync(ct).ConfigureAwait(false);
                await TakeRateAsync(ct).ConfigureAwait(false);
                await WriteAsync(name, item.Source, item.Event, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Events are best effort, as the kubelet's are.
                _options.Log?.Invoke($"event {name}: {e.GetType().Name}: {e.Message}");
            }
            finally
            {
                _queue.Done(name);
            }
        }
    }

    private async Task TakeRateAsync(CancellationToken ct)
    {
        TimeSpan wait;
        lock (_rateGate)
        {
            var now = _clock.GetUtcNow().UtcDateTime;
            _nextWrite = (_nextWrite > now ? _nextWrite : now) + _interval;
            wait = _nextWrite - now - _burstWindow;
        }
        if (wait > TimeSpan.Zero) await Task.Delay(wait, _clock, ct).ConfigureAwait(false);
    }

    private async Task YieldToStatusWorkAsync(CancellationToken ct)
    {
        var waited = TimeSpan.Zero;
        var step = TimeSpan.FromMilliseconds(20);
        while (_statusWorkQueued() && waited < MaxYield)
        {
            await Task.Delay(step, ct).ConfigureAwait(false);
            waited += step;
        }
    }

    private async Task WriteAsync(string name, PodEventSource source, AggregatedEvent e, CancellationToken ct)
    {
        if (e.Existed && await TryPatchAsync(name, source, e, ct).ConfigureAwait(false)) return;
        try
        {
            await _client.CoreV1.CreateNamespacedEventAsync(EventObjectFactory.Build(source, e), source.Namespace, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (Exception x) when (ApiStatus.Is(x, HttpStatusCode.Conflict))
        {
            await TryPatchAsync(name, source, e, ct).ConfigureAwait(false);
        }
        catch (Exception x) when (ApiStatus.Is(x, HttpStatusCode.NotFound) || ApiStatus.Is(x, HttpStatusCode.Forbidden))
        {
            // The namespace is going away (deleted with its pods): nothing to record into.
        }
    }

    private async Task<bool> TryPatchAsync(string name, PodEventSource source, AggregatedEvent e, CancellationToken ct)
    {
        try
        {
            var patch = new V1Patch(EventObjectFactory.CountPatch(e), V1Patch.PatchType.StrategicMergePatch);
            await _client.CoreV1.PatchNamespacedEventAsync(patch, name, source.Namespace, cancellationToken: ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception x) when (ApiStatus.Is(x, HttpStatusCode.NotFound))
        {
            return false;
        }
    }

    public void Dispose() => _queue.Dispose();
}
