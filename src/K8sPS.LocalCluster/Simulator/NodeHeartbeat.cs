using System.Globalization;
using System.Net;
using k8s;
using k8s.Models;
using K8sPS.Engine.Editing;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// Keeps the nodes alive in the eyes of the node lifecycle controller, as a kubelet with node leases
/// does: renews each Lease every beat, posts the conditions at once when the server's differ (after an
/// outage the controller marks them Unknown) and otherwise now and then. A node someone deleted is
/// registered again.
/// </summary>
internal sealed class NodeHeartbeat
{
    private readonly IKubernetes _client;
    private readonly NodeSimulatorOptions _options;
    private readonly IReadOnlyList<SimulatedNode> _nodes;
    private readonly NodeRegistrar _registrar;
    private readonly TimeProvider _clock;
    private readonly Action<SimulatedNode, bool>? _heartbeatChanged;

    public NodeHeartbeat(IKubernetes client, NodeSimulatorOptions options, IReadOnlyList<SimulatedNode> nodes, NodeRegistrar registrar, TimeProvider clock,
        Action<SimulatedNode, bool>? heartbeatChanged = null)
    {
        _heartbeatChanged = heartbeatChanged;
        _client = client;
        _options = options;
        _nodes = nodes;
        _registrar = registrar;
        _clock = clock;
    }

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    public async Task RunAsync(CancellationToken ct)
    {
        var lastStatus = Now;
        using var timer = new PeriodicTimer(_options.LeaseRenewInterval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var reportStatus = Now - lastStatus >= _options.NodeStatusInterval;
                if (reportStatus) lastStatus = Now;
                await Task.WhenAll(_nodes.Select(n => BeatAsync(n, reportStatus, ct))).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task BeatAsync(SimulatedNode node, bool reportStatus, CancellationToken ct)
    {
        try
        {
            var current = await _client.CoreV1.ReadNodeStatusAsync(node.Name, cancellationToken: ct).ConfigureAwait(false);
            if (!FollowHeartbeatSwitch(node, current)) return;
            await RenewLeaseAsync(node, ct).ConfigureAwait(false);
            await ReportStatusAsync(node, current, reportStatus, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiStatus.Is(e, HttpStatusCode.NotFound))
        {
            _options.Log?.Invoke($"node {node.Name} was deleted; registering it again");
            try
            {
                var registered = await _registrar.RegisterAsync(node.Identity, ct).ConfigureAwait(false);
                node.Uid = registered.Uid;
            }
            catch (Exception again) when (again is not OperationCanceledException)
            {
                _options.Log?.Invoke($"node {node.Name}: registering again failed: {again.Message}");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next beat tries again; the lease lasts several beats.
            _options.Log?.Invoke($"node {node.Name}: heartbeat failed: {e.Message}");
        }
    }

    /// <summary>
    /// sim.k8sps.io/heartbeat=stopped (annotation or label) on the Node makes its kubelet "dead": no
    /// lease, no status, nothing done for its pods, until the switch is gone. False while stopped.
    /// </summary>
    private bool FollowHeartbeatSwitch(SimulatedNode node, V1Node current)
    {
        var stopped = IsStopped(current.Metadata?.Annotations) || IsStopped(current.Metadata?.Labels);
        if (stopped != node.HeartbeatStopped)
        {
            node.HeartbeatStopped = stopped;
            _options.Log?.Invoke(stopped
                ? $"node {node.Name}: {SimAnnotations.Heartbeat}={SimAnnotations.HeartbeatStopped}: its kubelet stops heartbeating and looking after its pods"
                : $"node {node.Name}: heartbeat resumes");
            _heartbeatChanged?.Invoke(node, stopped);
        }
        return !stopped;
    }

    private static bool IsStopped(IDictionary<string, string>? values) =>
        values?.TryGetValue(SimAnnotations.Heartbeat, out var v) == true && string.Equals(v.Trim(), SimAnnotations.HeartbeatStopped, StringComparison.OrdinalIgnoreCase);

    private async Task RenewLeaseAsync(SimulatedNode node, CancellationToken ct)
    {
        var renew = new V1Patch(new
        {
            spec = new
            {
                holderIdentity = node.Name,
                leaseDurationSeconds = _options.LeaseDurationSeconds,
                renewTime = Now.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            },
        }, V1Patch.PatchType.MergePatch);
        try
        {
            await _client.CoordinationV1.PatchNamespacedLeaseAsync(renew, node.Name, NodeObjectFactory.NodeLeaseNamespace, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiStatus.Is(e, HttpStatusCode.NotFound))
        {
            // The lease went (with its node, or by hand): the node check below tells which.
            await _client.CoreV1.ReadNodeAsync(node.Name, cancellationToken: ct).ConfigureAwait(false);
            await _registrar.EnsureLeaseAsync(node.Name, node.Uid, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// As the kubelet does: posts the node's conditions when they differ from the server's (the node
    /// lifecycle controller sets Ready to Unknown when heartbeats stopped, e.g. while the API server was
    /// down) or when a report is due anyway. Conditions merge by type; a transition time changes only
    /// with the status.
    /// </summary>
    private async Task ReportStatusAsync(SimulatedNode node, V1Node current, bool due, CancellationToken ct)
    {
        var now = Now;
        var wanted = NodeObjectFactory.Conditions(now);
        var changed = wanted.Any(w => current.Status?.Conditions?.FirstOrDefault(c => c.Type == w.Type)?.Status != w.Status);
        if (!changed && !due) return;

        var conditions = wanted.Select(w =>
        {
            var existing = current.Status?.Conditions?.FirstOrDefault(c => c.Type == w.Type);
            var transition = existing?.Status == w.Status && existing.LastTransitionTime is { } kept ? kept : now;
            return new
            {
                type = w.Type,
                status = w.Status,
                reason = w.Reason,
                message = w.Message,
                lastHeartbeatTime = PodStatusPatch.Time(now),
                lastTransitionTime = PodStatusPatch.Time(transition),
            };
        }).ToArray();
        var patch = new V1Patch(new { status = new { conditions } }, V1Patch.PatchType.StrategicMergePatch);
        await _client.CoreV1.PatchNodeStatusAsync(patch, node.Name, cancellationToken: ct).ConfigureAwait(false);
        if (changed) _options.Log?.Invoke($"node {node.Name}: conditions restored (the server had them as {string.Join(", ", current.Status?.Conditions?.Select(c => $"{c.Type}={c.Status}") ?? [])})");
    }
}
