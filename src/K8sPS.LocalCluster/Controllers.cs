using k8s;
using K8sPS.LocalCluster.Metrics;
using K8sPS.LocalCluster.Simulator;
using K8sPS.LocalCluster.Storage;

namespace K8sPS.LocalCluster;

/// <summary>What a background controller needs to know about its cluster; <paramref name="Log"/> writes to logs/supervisor.log.</summary>
internal sealed record ClusterInfo(string Name, int NodeCount, string ClusterDir, Action<string> Log)
{
    /// <summary>How the simulated nodes serve their kubelet endpoints (null: not at all).</summary>
    public KubeletEndpointOptions? Kubelet { get; init; }
}

/// <summary>
/// The seam between the supervisor and the controllers that run beside the control plane. The
/// supervisor starts each one once the apiserver is ready, cancels them all on stop, and restarts
/// one that fails.
/// </summary>
internal static class Controllers
{
    public static IReadOnlyList<(string Name, Func<IKubernetes, CancellationToken, Task> Run)> For(ClusterInfo cluster) =>
    [
        ("node-simulator", (client, ct) => new NodeSimulator(client, new NodeSimulatorOptions
        {
            ClusterName = cluster.Name,
            NodeCount = cluster.NodeCount,
            Log = cluster.Log,
            KubeletEndpoint = cluster.Kubelet,
        }).RunAsync(ct)),
        ("hostpath-provisioner", (client, ct) => new HostPathProvisioner(client, new HostPathProvisionerOptions
        {
            VolumeRoot = Path.Combine(cluster.ClusterDir, "volumes"),
            Log = cluster.Log,
        }).RunAsync(ct)),
        ("metrics-server", (client, ct) => new MetricsServer(client, cluster.Name, cluster.ClusterDir, cluster.Log).RunAsync(ct)),
    ];
}
