using System.Net;
using k8s;
using k8s.Models;
using K8sPS.Engine.Editing;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// Registers the simulated nodes as a kubelet does at start: creates each Node with its status, or
/// adopts the one a previous run of the same simulated cluster left, and makes sure its Lease exists.
/// Refuses a node of the same name that is not ours.
/// </summary>
internal sealed class NodeRegistrar
{
    private readonly IKubernetes _client;
    private readonly NodeSimulatorOptions _options;
    private readonly string _kubeletVersion;
    private readonly TimeProvider _clock;
    private readonly int _kubeletPort;

    public NodeRegistrar(IKubernetes client, NodeSimulatorOptions options, string kubeletVersion, TimeProvider clock, int kubeletPort = NodeObjectFactory.DefaultKubeletPort)
    {
        _kubeletPort = kubeletPort;
        _client = client;
        _options = options;
        _kubeletVersion = kubeletVersion;
        _clock = clock;
    }

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    public async Task<SimulatedNode> RegisterAsync(SimulatedNodeIdentity identity, CancellationToken ct)
    {
        V1Node node;
        try
        {
            node = await _client.CoreV1.CreateNodeAsync(NodeObjectFactory.Build(identity, _options, _kubeletVersion, Now, _kubeletPort), cancellationToken: ct).ConfigureAwait(false);
            _options.Log?.Invoke($"node {identity.Name} registered ({identity.PodCidr})");
        }
        catch (Exception e) when (ApiStatus.Is(e, HttpStatusCode.Conflict))
        {
            node = await AdoptAsync(identity, ct).ConfigureAwait(false);
        }
        await EnsureLeaseAsync(identity.Name, node.Metadata.Uid, ct).ConfigureAwait(false);
        return new SimulatedNode(identity, node.Metadata.Uid, node.Spec?.PodCIDR ?? identity.PodCidr);
    }

    private async Task<V1Node> AdoptAsync(SimulatedNodeIdentity identity, CancellationToken ct)
    {
        var existing = await _client.CoreV1.ReadNodeAsync(identity.Name, cancellationToken: ct).ConfigureAwait(false);
        string? owner = null;
        existing.Metadata.Annotations?.TryGetValue(NodeObjectFactory.SimulatedByAnnotation, out owner);
        if (owner != _options.ClusterName)
            throw new InvalidOperationException(
                $"A node named '{identity.Name}' already exists and is not simulated for cluster '{_options.ClusterName}' (owner: {owner ?? "none"}). Choose another cluster name.");

        var wanted = NodeObjectFactory.Build(identity, _options, _kubeletVersion, Now, _kubeletPort);
        // The pod CIDR cannot change once set; keep the server's.
        var metadataPatch = new Dictionary<string, object>
        {
            ["metadata"] = new { labels = wanted.Metadata.Labels, annotations = wanted.Metadata.Annotations },
        };
        // The pod CIDR cannot change once set: only a node without one gets ours.
        if (string.IsNullOrEmpty(existing.Spec?.PodCIDR))
            metadataPatch["spec"] = new { podCIDR = identity.PodCidr, podCIDRs = new[] { identity.PodCidr } };
        await _client.CoreV1.PatchNodeAsync(new V1Patch(metadataPatch, V1Patch.PatchType.MergePatch), identity.Name, cancellationToken: ct).ConfigureAwait(false);
        var statusPatch = new V1Patch(new { status = wanted.Status }, V1Patch.PatchType.StrategicMergePatch);
        var node = await _client.CoreV1.PatchNodeStatusAsync(statusPatch, identity.Name, cancellationToken: ct).ConfigureAwait(false);
        _options.Log?.Invoke($"node {identity.Name} adopted ({node.Spec?.PodCIDR})");
        return node;
    }

    public async Task EnsureLeaseAsync(string nodeName, string nodeUid, CancellationToken ct)
    {
        try
        {
            await _client.CoordinationV1.CreateNamespacedLeaseAsync(
                NodeObjectFactory.BuildLease(nodeName, nodeUid, _options.LeaseDurationSeconds, Now), NodeObjectFactory.NodeLeaseNamespace, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiStatus.Is(e, HttpStatusCode.Conflict))
        {
            // There already; the heartbeat renews it.
        }
    }
}
