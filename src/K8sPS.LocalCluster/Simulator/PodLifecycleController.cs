using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Models;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// The kubelet part of the simulator: one watch on pods bound to any node (no polling), a cache of
/// those on our nodes, and a bounded pool of workers that bring each pod's status to what its
/// <see cref="PodTimeline"/> says for now, and carry out graceful deletion.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The queue lives as long as RunAsync, which disposes it.")]
internal sealed class PodLifecycleController
{
    private readonly IKubernetes _client;
    private readonly NodeSimulatorOptions _options;
    private readonly IReadOnlyDictionary<string, SimulatedNode> _nodes;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, V1Pod> _pods = new();
    private readonly ConcurrentDictionary<string, PodTrack> _tracks = new();
    private readonly KeyedWorkQueue<string> _queue;
    private readonly ListWatcher<V1Pod> _watcher;
    private readonly ContainerConfigGate _configGate;
    private readonly ImageCatalogWatcher _catalog;
    private readonly KubeletEventRecorder _events;

    public PodLifecycleController(IKubernetes client, NodeSimulatorOptions options, IReadOnlyDictionary<string, SimulatedNode> nodes, TimeProvider? clock = null)
    {
        _client = client;
        _options = options;
        _nodes = nodes;
        _clock = clock ?? TimeProvider.System;
        _queue = new KeyedWorkQueue<string>(_clock);
        _configGate = new ContainerConfigGate(client, options);
        _watcher = new ListWatcher<V1Pod>("pods", ListPageAsync, Watch, OnListedAsync, OnEventAsync, options.Log);
        _catalog = new ImageCatalogWatcher(client, options.Log);
        // Events go behind status work: they wait while pods are queued for their status.
        _events = new KubeletEventRecorder(client, options, () => _queue.ActiveCount > 0, _pods.ContainsKey, _clock);
    }

    /// <summary>Completes once the first list of pods is in the cache.</summary>
    public Task Synced => _watcher.Synced;

    public async Task RunAsync(CancellationToken ct)
    {
        var tasks = new List<Task> { _catalog.RunAsync(ct), _events.RunAsync(ct) };
        try
        {
            // Pods take the image catalog as it is when first seen: know it before the first pod.
            await Task.WhenAny(_catalog.Synced, Task.Delay(Timeout.Infinite, ct)).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            tasks.AddRange(Enumerable.Range(0, _options.MaxConcurrentWrites).Select(_ => WorkAsync(ct)));
            tasks.Add(_queue.RunTimerAsync(ct));
            tasks.Add(_watcher.RunAsync(ct));
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await Task.WhenAll(tasks).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            _queue.Dispose();
            _events.Dispose();
        }
    }

    /// <summary>The pod named <paramref name="name"/> on node <paramref name="nodeName"/>, with what the simulator knows of it, or null.</summary>
    public (V1Pod Pod, PodTimeline? Timeline)? FindPod(string nodeName, string ns, string name)
    {
        foreach (var pod in _pods.Values)
        {
            if (pod.Metadata.Name != name || pod.Metadata.NamespaceProperty != ns || pod.Spec.NodeName != nodeName) continue;
            _tracks.TryGetValue(pod.Metadata.Uid, out var track);
            return (pod, track?.Timeline);
        }
        return null;
    }

    /// <summary>Looks at every pod of <paramref name="nodeName"/> again (its kubelet is back after a stop).</summary>
    public void ResyncNode(string nodeName)
    {
        foreach (var pod in _pods.Values.Where(p => p.Spec.NodeName == nodeName)) _queue.Add(pod.Metadata.Uid);
    }

    // Only pods already bound to a node: unscheduled pods are the scheduler's business.
    private const string BoundPods = "spec.nodeName!=";

    private async Task<(IList<V1Pod>, string, string?)> ListPageAsync(string? continueToken, CancellationToken ct)
    {
        var list = await _client.CoreV1.ListPodForAllNamespacesAsync(
            fieldSelector: BoundPods, limit: 500, continueParameter: continueToken, cancellationToken: ct).ConfigureAwait(false);
        return (list.Items, list.Metadata.ResourceVersion, list.Metadata.ContinueProperty);
    }

    private IAsyncEnumerable<(WatchEventType, V1Pod)> Watch(string resourceVersion, Action<Exception> onError, CancellationToken ct) =>
        _client.CoreV1.WatchListPodForAllNamespacesAsync(
            allowWatchBookmarks: true, fieldSelector: BoundPods, resourceVersion: resourceVersion,
            timeoutSeconds: 300 + Random.Shared.Next(0, 60), onError: onError, cancellationToken: ct);

    private Task OnListedAsync(IReadOnlyList<V1Pod> pods, CancellationToken ct)
    {
        var listed = new HashSet<string>();
        foreach (var pod in pods.Where(IsOnOurNode))
        {
            listed.Add(pod.Metadata.Uid);
            _pods[pod.Metadata.Uid] = pod;
            _queue.Add(pod.Metadata.Uid);
        }
        // Pods deleted while no watch was open: forget them (and free their IPs).
        foreach (var uid in _pods.Keys.Where(uid => !listed.Contains(uid)).ToList())
        {
            _pods.TryRemove(uid, out _);
            _queue.Add(uid);
        }
        return Task.CompletedTask;
    }

    private Task OnEventAsync(WatchEventType type, V1Pod pod, CancellationToken ct)
    {
        var uid = pod.Metadata.Uid;
        if (type == WatchEventType.Deleted || !IsOnOurNode(pod))
        {
            if (_pods.TryRemove(uid, out _) || _tracks.ContainsKey(uid)) _queue.Add(uid);
            return Task.CompletedTask;
        }
        _pods.AddOrUpdate(uid, pod, (_, cached) => IsNewer(pod, cached) ? pod : cached);
        _queue.Add(uid);
        return Task.CompletedTask;
    }

    private bool IsOnOurNode(V1Pod pod) => pod.Spec?.NodeName is { } node && _nodes.ContainsKey(node);

    /// <summary>Our own patch responses may be newer than a watch event still on its way.</summary>
    private static bool IsNewer(V1Pod candidate, V1Pod cached) =>
        !long.TryParse(candidate.Metadata.ResourceVersion, out var a) || !long.TryParse(cached.Metadata.ResourceVersion, out var b) || a >= b;

    private async Task WorkAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            string uid;
            try { uid = await _queue.TakeAsync(ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            try
            {
                await ReconcileAsync(uid, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _options.Log?.Invoke($"pod {uid}: {e.GetType().Name}: {e.Message}; retrying in 1s");
                _queue.AddAt(uid, Now + TimeSpan.FromSeconds(1));
            }
            finally
            {
                _queue.Done(uid);
            }
        }
    }

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    /// <summary>True when <paramref name="ip"/> is handed to a pod on one of our nodes.</summary>
    public bool IsPodIpInUse(string ip) => _nodes.Values.Any(n => n.PodIps.IsInUse(ip));

    private async Task ReconcileAsync(string uid, CancellationToken ct)
    {
        if (!_pods.TryGetValue(uid, out var pod))
        {
            Forget(uid);
            return;
        }
        var node = _nodes[pod.Spec.NodeName];
        // A node whose heartbeat stopped is a dead kubelet: it neither reports nor finishes deleting its pods.
        if (node.HeartbeatStopped) return;
        var track = _tracks.GetOrAdd(uid, _ => StartTracking(pod, node));

        if (pod.Metadata.DeletionTimestamp is not null)
        {
            await TerminateAsync(pod, track, ct).ConfigureAwait(false);
            return;
        }
        // The kubelet never brings a finished pod back (nor one that someone else failed, e.g. an eviction).
        if (pod.Status?.Phase is "Succeeded" or "Failed") return;

        var now = Now;
        // A missing Secret, ConfigMap or key holds the containers, as on a real node (ContainerConfigGate).
        if (await _configGate.HoldAsync(pod, track, node.HostIp, now, ct).ConfigureAwait(false) is { } held)
        {
            if (!PodStatusPatch.IsSatisfied(pod.Status, held.Status))
                await PatchStatusAsync(pod, held.Status, ct).ConfigureAwait(false);
            _queue.AddAt(uid, held.RetryAt);
            return;
        }
        var timeline = track.Timeline ??= new PodTimeline(pod, track.TimelineStart, _options, _catalog.Current, track.PodIp);
        if (!track.ProblemsReported && timeline.Problems.Count > 0)
        {
            track.ProblemsReported = true;
            foreach (var problem in timeline.Problems) _options.Log?.Invoke($"pod {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}: {problem}");
            var key = new EventKey("Warning", "InvalidSimAnnotation", string.Join("; ", timeline.Problems), null, 0);
            _events.Record(Source(pod, node), [new AggregatedEvent(key, 1, now, now, false)]);
        }
        var wanted = PodStatusFactory.Living(pod, timeline, now, node.HostIp, track.PodIp);
        if (!PodStatusPatch.IsSatisfied(pod.Status, wanted))
            await PatchStatusAsync(pod, wanted, ct).ConfigureAwait(false);
        // Only now that the status says so: what the kubelet recorded on the way here.
        RecordEvents(pod, track, node, now);
        var next = timeline.NextChangeAfter(now);
        if (timeline.RepeatsEventsAt(now))
        {
            var refresh = now + _options.EventRefreshInterval;
            if (next is null || refresh < next) next = refresh;
        }
        if (next is { } at) _queue.AddAt(uid, at);
    }

    private void RecordEvents(V1Pod pod, PodTrack track, SimulatedNode node, DateTime now)
    {
        if (track.Timeline is not { } timeline || now <= track.EventsUpTo) return;
        var events = EventAggregation.Between(timeline.Events(now), track.EventBaseline, track.EventsUpTo, now);
        track.EventsUpTo = now;
        if (events.Count > 0) _events.Record(Source(pod, node), events);
    }

    private static PodEventSource Source(V1Pod pod, SimulatedNode node) =>
        new(pod.Metadata.NamespaceProperty, pod.Metadata.Name, pod.Metadata.Uid, pod.Metadata.ResourceVersion, node.Name);

    private PodTrack StartTracking(V1Pod pod, SimulatedNode node)
    {
        // A pod we already walked before a restart keeps its start time and IP.
        var ours = pod.Status?.HostIP == node.HostIp && pod.Status?.StartTime is not null;
        var now = Now;
        var firstSeen = ours ? pod.Status!.StartTime!.Value.ToUniversalTime() : now;
        // Events of a pod walked before a restart were recorded then; a new kubelet counts afresh.
        var baseline = ours ? now : DateTime.MinValue;
        PodTrack track;
        if (pod.Spec.HostNetwork == true)
            track = new PodTrack(node.Name, firstSeen, node.HostIp, ipFromAllocator: false);
        else
        {
            var ip = ours && pod.Status!.PodIP is { } known && node.PodIps.Reserve(known) ? known : node.PodIps.Allocate();
            if (ip is null)
                _options.Log?.Invoke($"pod {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}: no free IP left in {node.PodIps.Cidr} on {node.Name}");
            track = new PodTrack(node.Name, firstSeen, ip, ipFromAllocator: ip is not null);
        }
        track.EventBaseline = baseline;
        track.EventsUpTo = baseline;
        return track;
    }

    private void Forget(string uid)
    {
        _configGate.Forget(uid);
        if (!_tracks.TryRemove(uid, out var track)) return;
        if (track.IpFromAllocator && track.PodIp is not null && _nodes.TryGetValue(track.NodeName, out var node))
            node.PodIps.Release(track.PodIp);
    }

    /// <summary>Graceful deletion as the kubelet does it: stop the containers (preStop first), then the final delete.</summary>
    private async Task TerminateAsync(V1Pod pod, PodTrack track, CancellationToken ct)
    {
        // Sent already: what is left (finalizers) is for others to finish; the DELETED event frees the IP.
        if (track.DeleteSent) return;
        var now = Now;
        if (track.DeletionSeen is null)
        {
            track.DeletionSeen = now;
            RecordEvents(pod, track, _nodes[track.NodeName], now);
            RecordKilling(pod, _nodes[track.NodeName], now);
        }
        var stopAt = track.DeletionSeen.Value + PodTermination.Delay(pod, _options, track.Timeline);
        if (now < stopAt)
        {
            _queue.AddAt(pod.Metadata.Uid, stopAt);
            return;
        }
        if (!track.StoppedWritten && PodTermination.HasRunningContainers(pod))
        {
            var stopped = PodStatusFactory.Stopped(pod, now, PodTermination.OutlastsGracePeriod(pod, _options, track.Timeline) ? 137 : 0);
            await PatchStatusAsync(pod, stopped, ct).ConfigureAwait(false);
            track.StoppedWritten = true;
        }
        try
        {
            await _client.CoreV1.DeleteNamespacedPodAsync(
                pod.Metadata.Name, pod.Metadata.NamespaceProperty,
                new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid } },
                cancellationToken: ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiStatus.Is(e, HttpStatusCode.NotFound) || ApiStatus.Is(e, HttpStatusCode.Conflict))
        {
            // Gone already, or replaced by a pod of the same name: nothing of ours to delete.
        }
        track.DeleteSent = true;
    }

    /// <summary>The kubelet's "Stopping container" event for each container it stops.</summary>
    private void RecordKilling(V1Pod pod, SimulatedNode node, DateTime now)
    {
        var running = pod.Status?.ContainerStatuses?.Where(s => s.State?.Running is not null).Select(s => s.Name).ToHashSet() ?? [];
        var events = pod.Spec.Containers.Select((c, i) => (c, i)).Where(x => running.Contains(x.c.Name))
            .Select(x => new AggregatedEvent(new EventKey("Normal", "Killing", $"Stopping container {x.c.Name}", $"spec.containers{{{x.c.Name}}}", 7 * 256 + 64 + x.i), 1, now, now, false))
            .ToList();
        if (events.Count > 0) _events.Record(Source(pod, node), events);
    }

    private async Task PatchStatusAsync(V1Pod pod, V1PodStatus wanted, CancellationToken ct)
    {
        var body = new V1Patch(PodStatusPatch.Build(pod, wanted), V1Patch.PatchType.StrategicMergePatch);
        try
        {
            var updated = await _client.CoreV1.PatchNamespacedPodStatusAsync(
                body, pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: ct).ConfigureAwait(false);
            // Only replaces a cached copy: a pod deleted meanwhile must not come back.
            if (updated?.Metadata?.Uid == pod.Metadata.Uid && _pods.TryGetValue(pod.Metadata.Uid, out var cached) && IsNewer(updated, cached))
                _pods.TryUpdate(pod.Metadata.Uid, updated, cached);
        }
        catch (Exception e) when (ApiStatus.Is(e, HttpStatusCode.NotFound) || ApiStatus.Is(e, HttpStatusCode.Conflict))
        {
            // Deleted meanwhile (or a new pod took the name): the watch tells us what comes next.
        }
    }
}
