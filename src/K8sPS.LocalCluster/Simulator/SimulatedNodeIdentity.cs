namespace K8sPS.LocalCluster.Simulator;

/// <summary>Who node number <see cref="Index"/> (1-based) of a simulated cluster is.</summary>
public sealed record SimulatedNodeIdentity(int Index, string Name, string PodCidr, string InternalIp)
{
    /// <summary>minikube's names: the cluster name, then "&lt;name&gt;-m02", "-m03"...</summary>
    public static string NameOf(string clusterName, int index) =>
        index == 1 ? clusterName : $"{clusterName}-m{index:00}";

    public static IReadOnlyList<SimulatedNodeIdentity> For(NodeSimulatorOptions options) =>
        Enumerable.Range(1, options.NodeCount)
            .Select(i => new SimulatedNodeIdentity(
                i,
                NameOf(options.ClusterName, i),
                $"{options.ClusterCidrPrefix}{i - 1}.0/24",
                $"{options.NodeAddressPrefix}{i + 1}"))
            .ToList();
}
