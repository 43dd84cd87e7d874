using k8s;
using K8sPS.Engine.Connection;
using K8sPS.Engine.LocalCluster;

namespace K8sPS.LocalCluster.Tests;

/// <summary>
/// One control plane for all tests of the "cluster" collection.
/// K8SPS_TEST_KUBECONFIG names an already running cluster's kubeconfig (its current context is used,
/// and the cluster is left running). Without it the fixture starts a local cluster 'k8sps-xunit' with
/// 3 nodes through the supervisor (as Start-K8sLocalCluster does), and stops and removes it afterwards.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string OwnClusterName = "k8sps-xunit";
    public const int OwnNodeCount = 3;

    public IKubernetes Client { get; private set; } = null!;
    public string KubeconfigPath { get; private set; } = "";
    /// <summary>The cluster this fixture started, or null when it reuses one (K8SPS_TEST_KUBECONFIG).</summary>
    public string? StartedCluster { get; private set; }
    /// <summary>The cluster's name, which is also its first node's name: the started one, else the kubeconfig's current context.</summary>
    public string ClusterName { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable("K8SPS_TEST_KUBECONFIG");
        if (string.IsNullOrEmpty(path))
        {
            path = Path.Combine(Path.GetTempPath(), $"{OwnClusterName}-{Environment.ProcessId}.kubeconfig");
            await StartOwnClusterAsync(path).ConfigureAwait(false);
        }
        KubeconfigPath = path;
        // The Engine's connection, as the supervisor's simulator has: the same TLS checks and retry policy.
        var connection = ConnectionFactory.Get(kubeconfigPath: path);
        ClusterName = StartedCluster ?? connection.Context;
        Client = connection.Client;
    }

    private async Task StartOwnClusterAsync(string kubeconfig)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        // A run that was killed may have left its cluster running: start from a clean slate.
        if (LocalClusterManager.Get(OwnClusterName) is not null)
            await LocalClusterManager.StopAsync(OwnClusterName, remove: true, timeout.Token).ConfigureAwait(false);
        var plan = LocalClusterManager.Plan(new LocalClusterStartRequest
        {
            Name = OwnClusterName,
            NodeCount = OwnNodeCount,
            KubeconfigPath = kubeconfig,
        });
        StartedCluster = OwnClusterName;
        await LocalClusterManager.LaunchAsync(plan, timeout.Token).ConfigureAwait(false);
        await LocalClusterManager.WaitAsync(OwnClusterName, TimeSpan.FromMinutes(3), null, timeout.Token).ConfigureAwait(false);
    }

    public async Task DisposeAsync()
    {
        if (StartedCluster is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            if (LocalClusterManager.Get(StartedCluster) is not null)
                await LocalClusterManager.StopAsync(StartedCluster, remove: true, timeout.Token).ConfigureAwait(false);
            File.Delete(KubeconfigPath);
        }
    }
}

[CollectionDefinition("cluster")]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture> { }
