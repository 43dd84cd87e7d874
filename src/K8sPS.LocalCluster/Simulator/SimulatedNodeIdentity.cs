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
                Address(options.NodeAddressPrefix, i + 1)))
            .ToList();

    /// <summary>prefix ("a.b.c.") + offset, carried into the third octet past .255 (node 255 of 127.0.49. is 127.0.50.0).</summary>
    public static string Address(string prefix, int offset)
    {
        var octets = prefix.TrimEnd('.').Split('.').Select(o => uint.Parse(o, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (octets.Length != 3) throw new ArgumentException($"'{prefix}' is not the first three octets of an IPv4 address (such as 127.0.49.).", nameof(prefix));
        var value = (octets[0] << 24 | octets[1] << 16 | octets[2] << 8) + (uint)offset;
        return $"{value >> 24}.{(value >> 16) & 255}.{(value >> 8) & 255}.{value & 255}";
    }
}
