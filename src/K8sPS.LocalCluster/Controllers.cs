using k8s;
using k8s.Models;

namespace K8sPS.LocalCluster;

/// <summary>What a background controller needs to know about its cluster; <paramref name="Log"/> writes to logs/supervisor.log.</summary>
internal sealed record ClusterInfo(string Name, int NodeCount, string ClusterDir, Action<string> Log);

/// <summary>
/// The seam between the supervisor and the controllers that run beside the control plane. The
/// supervisor starts each one once the apiserver is ready, cancels them all on stop, and restarts
/// one that fails.
/// </summary>
internal static class Controllers
{
    public static IReadOnlyList<(string Name, Func<IKubernetes, CancellationToken, Task> Run)> For(ClusterInfo cluster) =>
    [
        // PLACEHOLDER until the sim branch merges: replace this line (and delete PlaceholderNodes below) with
        //   ("node-simulator", (c, ct) => new NodeSimulator(c, new NodeSimulatorOptions { ClusterName = cluster.Name, NodeCount = cluster.NodeCount, Log = cluster.Log }).RunAsync(ct)),
        //   ("hostpath-provisioner", (c, ct) => new HostPathProvisioner(c, new HostPathProvisionerOptions { VolumeRoot = Path.Combine(cluster.ClusterDir, "volumes"), Log = cluster.Log }).RunAsync(ct)),
        // plus `using K8sPS.LocalCluster.Simulator;` and `using K8sPS.LocalCluster.Storage;`.
        ("placeholder-nodes", (c, ct) => PlaceholderNodes.RunAsync(c, cluster, ct)),
    ];
}

/// <summary>
/// PLACEHOLDER, replaced by the sim branch's NodeSimulator: registers the nodes Ready and keeps their
/// heartbeat fresh, just enough to test the supervisor's "all nodes Ready" end to end. Not a simulator.
/// </summary>
internal static class PlaceholderNodes
{
    public static async Task RunAsync(IKubernetes client, ClusterInfo cluster, CancellationToken ct)
    {
        var names = Enumerable.Range(1, cluster.NodeCount)
            .Select(i => i == 1 ? cluster.Name : $"{cluster.Name}-m{i:00}").ToList();
        foreach (var name in names)
        {
            try
            {
                await client.CoreV1.CreateNodeAsync(new V1Node
                {
                    Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = name } },
                }, cancellationToken: ct).ConfigureAwait(false);
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict) { }
        }
        while (!ct.IsCancellationRequested)
        {
            foreach (var name in names)
            {
                var now = DateTime.UtcNow;
                var patch = new V1Patch(new
                {
                    status = new
                    {
                        capacity = new Dictionary<string, string> { ["cpu"] = "2", ["memory"] = "4Gi", ["pods"] = "110" },
                        allocatable = new Dictionary<string, string> { ["cpu"] = "2", ["memory"] = "4Gi", ["pods"] = "110" },
                        conditions = new[] { new { type = "Ready", status = "True", reason = "KubeletReady", message = "placeholder", lastHeartbeatTime = now, lastTransitionTime = now } },
                    },
                }, V1Patch.PatchType.StrategicMergePatch);
                await client.CoreV1.PatchNodeStatusAsync(patch, name, cancellationToken: ct).ConfigureAwait(false);
            }
            await Task.Delay(TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
        }
    }
}
