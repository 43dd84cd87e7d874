using k8s;
using k8s.Models;
using K8sPS.Engine.Connection;
using K8sPS.LocalCluster.Simulator;
using K8sPS.LocalCluster.Storage;

namespace K8sPS.LocalCluster.Tests.Simulator;

/// <summary>
/// A class fixture (given the "cluster" collection's <see cref="ClusterFixture"/>) that makes sure the
/// cluster has at least <see cref="MinimumNodes"/> Ready nodes and a default StorageClass. Nodes already there (the supervisor's) are used as they are; only
/// when they are missing does it run a node simulator and a provisioner of its own, for the tests' duration.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which disposes the token source.")]
public sealed class SimulatedNodesFixture : IAsyncLifetime
{
    public const int MinimumNodes = 3;
    // Not the supervisor's test cluster name (k8sps-xunit): never adopt its nodes.
    private const string TestClusterName = "k8sps-xunit-sim";

    private readonly ClusterFixture _cluster;
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;
    private IKubernetes? _ownClient;
    private bool _createdStorageClass;
    private string? _volumeFolder;

    public SimulatedNodesFixture(ClusterFixture cluster) => _cluster = cluster;

    public IKubernetes Client => _cluster.Client;
    public string KubeconfigPath => _cluster.KubeconfigPath;

    /// <summary>Set when this fixture runs the simulator itself (it can then be asked about IPs).</summary>
    public NodeSimulator? Simulator { get; private set; }

    public async Task InitializeAsync()
    {
        var readyNodes = (await Client.CoreV1.ListNodeAsync()).Items.Count(IsReady);
        // Enough Ready nodes: a supervisor runs this cluster, and its provisioner makes the default class
        // soon after start. Without them there is no supervisor, hence no provisioner either (a default
        // class may be a leftover): ours run instead. Should another provisioner run after all, the two
        // only race to create the same pvc-<uid>, which one of them wins.
        var supervised = readyNodes >= MinimumNodes;
        var hasDefaultClass = supervised
            ? await WaitForDefaultClassAsync(TimeSpan.FromSeconds(20))
            : await HasDefaultClassAsync();
        if (!supervised || !hasDefaultClass)
        {
            // The Engine's connection, as the supervisor gives its simulator (HTTP/1.1, the one retry policy).
            _ownClient = ConnectionFactory.Get(kubeconfigPath: KubeconfigPath).Client;
            var tasks = new List<Task>();
            if (!supervised)
            {
                Simulator = new NodeSimulator(_ownClient, new NodeSimulatorOptions { ClusterName = TestClusterName, NodeCount = MinimumNodes });
                tasks.Add(Simulator.RunAsync(_stop.Token));
            }
            _createdStorageClass = !hasDefaultClass;
            _volumeFolder = Path.Combine(Path.GetTempPath(), TestClusterName + "-" + Environment.ProcessId);
            var provisioner = new HostPathProvisioner(_ownClient, new HostPathProvisionerOptions { VolumeRoot = Path.Combine(_volumeFolder, "volumes") });
            tasks.Add(provisioner.RunAsync(_stop.Token));
            _running = Task.WhenAll(tasks);
            if (Simulator is not null) await Simulator.Started.WaitAsync(TimeSpan.FromSeconds(60));
        }

        // New nodes carry the not-ready taint until the node lifecycle controller sees them Ready.
        await Eventually.WaitAsync(async () =>
        {
            var nodes = (await Client.CoreV1.ListNodeAsync()).Items;
            var usable = nodes.Count(n => IsReady(n) && (n.Spec.Taints?.Count ?? 0) == 0);
            return (usable >= MinimumNodes, $"{usable} Ready untainted nodes of {nodes.Count}");
        }, TimeSpan.FromSeconds(60), $"at least {MinimumNodes} Ready nodes without taints");
    }

    private async Task<bool> HasDefaultClassAsync() =>
        (await Client.StorageV1.ListStorageClassAsync()).Items
            .Any(c => c.Metadata.Annotations?.TryGetValue(HostPathVolumeFactory.DefaultClassAnnotation, out var v) == true && v == "true");

    private async Task<bool> WaitForDefaultClassAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await HasDefaultClassAsync()) return true;
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(250);
        }
    }

    public static bool IsReady(V1Node node) =>
        node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true
        && node.Spec?.Unschedulable != true;

    public async Task DisposeAsync()
    {
        _stop.Cancel();
        if (_running is not null) await _running.ContinueWith(_ => { });
        // Best effort from here on: a cluster already gone leaves nothing to clean.
        if (Simulator is not null)
        {
            // Our nodes go with us: nothing of the tests stays on a shared cluster.
            foreach (var node in Simulator.Nodes)
            {
                try { await Client.CoreV1.DeleteNodeAsync(node.Name); } catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException) { }
            }
        }
        if (_createdStorageClass)
        {
            try { await Client.StorageV1.DeleteStorageClassAsync("standard"); } catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException) { }
        }
        if (_volumeFolder is not null && Directory.Exists(_volumeFolder)) Directory.Delete(_volumeFolder, recursive: true);
        _stop.Dispose();
    }
}
