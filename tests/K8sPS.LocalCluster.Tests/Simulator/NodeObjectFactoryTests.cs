using K8sPS.LocalCluster.Simulator;

namespace K8sPS.LocalCluster.Tests.Simulator;

public sealed class NodeObjectFactoryTests
{
    private static readonly DateTime Now = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Fact]
    public void Nodes_are_named_and_numbered_as_minikube_does()
    {
        var nodes = SimulatedNodeIdentity.For(new NodeSimulatorOptions { ClusterName = "demo", NodeCount = 3 });
        Assert.Equal(new[] { "demo", "demo-m02", "demo-m03" }, nodes.Select(n => n.Name));
        Assert.Equal(new[] { "10.244.0.0/24", "10.244.1.0/24", "10.244.2.0/24" }, nodes.Select(n => n.PodCidr));
        Assert.Equal(new[] { "127.0.49.2", "127.0.49.3", "127.0.49.4" }, nodes.Select(n => n.InternalIp));
    }

    [Fact]
    public void Node_addresses_are_loopback_and_carry_into_the_next_octet()
    {
        var nodes = SimulatedNodeIdentity.For(new NodeSimulatorOptions { ClusterName = "big", NodeCount = 256 });
        Assert.All(nodes, n => Assert.True(System.Net.IPAddress.IsLoopback(System.Net.IPAddress.Parse(n.InternalIp)), n.InternalIp));
        Assert.Equal(256, nodes.Select(n => n.InternalIp).Distinct().Count());
        Assert.Equal(("127.0.49.255", "127.0.50.0"), (nodes[253].InternalIp, nodes[254].InternalIp));
    }

    [Fact]
    public void A_node_carries_the_labels_capacity_addresses_and_info_a_kubelet_registers()
    {
        var options = new NodeSimulatorOptions { ClusterName = "demo", NodeCount = 2 };
        var identity = SimulatedNodeIdentity.For(options)[1];
        var node = NodeObjectFactory.Build(identity, options, "v1.20.2", Now);

        Assert.Equal("demo-m02", node.Metadata.Name);
        Assert.Equal("demo-m02", node.Metadata.Labels["kubernetes.io/hostname"]);
        Assert.Equal("linux", node.Metadata.Labels["kubernetes.io/os"]);
        Assert.Equal("linux", node.Metadata.Labels["beta.kubernetes.io/os"]);
        Assert.Equal(NodeObjectFactory.Architecture, node.Metadata.Labels["kubernetes.io/arch"]);
        Assert.Equal(NodeObjectFactory.Architecture, node.Metadata.Labels["beta.kubernetes.io/arch"]);
        Assert.DoesNotContain("node-role.kubernetes.io/control-plane", node.Metadata.Labels.Keys);
        Assert.Equal("demo", node.Metadata.Annotations[NodeObjectFactory.SimulatedByAnnotation]);
        Assert.Equal("10.244.1.0/24", node.Spec.PodCIDR);
        Assert.Equal(new[] { "10.244.1.0/24" }, node.Spec.PodCIDRs);

        foreach (var resources in new[] { node.Status.Capacity, node.Status.Allocatable })
        {
            Assert.Equal("4", resources["cpu"].ToString());
            Assert.Equal("8Gi", resources["memory"].ToString());
            Assert.Equal("110", resources["pods"].ToString());
            Assert.Equal("100Gi", resources["ephemeral-storage"].ToString());
        }
        Assert.Contains(node.Status.Addresses, a => a.Type == "InternalIP" && a.Address == "127.0.49.3");
        Assert.Contains(node.Status.Addresses, a => a.Type == "Hostname" && a.Address == "demo-m02");
        Assert.Equal("v1.20.2", node.Status.NodeInfo.KubeletVersion);
        Assert.Equal("v1.20.2", node.Status.NodeInfo.KubeProxyVersion);
        Assert.Equal("linux", node.Status.NodeInfo.OperatingSystem);
        Assert.False(string.IsNullOrEmpty(node.Status.NodeInfo.MachineID));
        Assert.Equal(10250, node.Status.DaemonEndpoints.KubeletEndpoint.Port);
        Assert.Equal(31234, NodeObjectFactory.Build(identity, options, "v1.20.2", Now, kubeletPort: 31234).Status.DaemonEndpoints.KubeletEndpoint.Port);
    }

    [Fact]
    public void A_node_reports_ready_and_no_pressure_in_five_conditions()
    {
        var options = new NodeSimulatorOptions { ClusterName = "demo" };
        var node = NodeObjectFactory.Build(SimulatedNodeIdentity.For(options)[0], options, "v1.20.2", Now);

        var conditions = node.Status.Conditions.ToDictionary(c => c.Type, c => c.Status);
        Assert.Equal(new Dictionary<string, string>
        {
            ["Ready"] = "True", ["MemoryPressure"] = "False", ["DiskPressure"] = "False", ["PIDPressure"] = "False", ["NetworkUnavailable"] = "False",
        }, conditions);
        Assert.All(node.Status.Conditions, c => Assert.Equal(Now, c.LastHeartbeatTime));
        // The first node is minikube's control plane.
        Assert.Contains("node-role.kubernetes.io/control-plane", node.Metadata.Labels.Keys);
    }

    [Fact]
    public void A_node_lease_is_held_by_and_owned_by_its_node()
    {
        var lease = NodeObjectFactory.BuildLease("demo", "uid-1", 40, Now);
        Assert.Equal("kube-node-lease", lease.Metadata.NamespaceProperty);
        Assert.Equal("demo", lease.Metadata.Name);
        Assert.Equal("demo", lease.Spec.HolderIdentity);
        Assert.Equal(40, lease.Spec.LeaseDurationSeconds);
        var owner = Assert.Single(lease.Metadata.OwnerReferences);
        Assert.Equal(("Node", "demo", "uid-1"), (owner.Kind, owner.Name, owner.Uid));
    }

    [Fact]
    public void Options_refuse_more_nodes_than_the_cluster_CIDR_has_room_for()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NodeSimulatorOptions { NodeCount = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new NodeSimulatorOptions { NodeCount = 257 }.Validate());
    }
}
