using k8s;

namespace K8sPS.LocalCluster.Tests;

/// <summary>
/// One control plane for all tests of the "cluster" collection.
/// K8SPS_TEST_KUBECONFIG names an already running cluster's kubeconfig (its current context is used);
/// without it the fixture starts a local cluster of its own and stops it afterwards.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public IKubernetes Client { get; private set; } = null!;
    public string KubeconfigPath { get; private set; } = "";

    public Task InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable("K8SPS_TEST_KUBECONFIG");
        if (string.IsNullOrEmpty(path))
            throw new InvalidOperationException("K8SPS_TEST_KUBECONFIG is not set (starting a cluster here comes with the supervisor).");
        KubeconfigPath = path;
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        (Client as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition("cluster")]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture> { }
