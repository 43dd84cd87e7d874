namespace K8sPS.LocalCluster.Simulator;

/// <summary>A node registered on the server, with the pod CIDR it really got and the IPs given out from it.</summary>
public sealed class SimulatedNode
{
    public SimulatedNode(SimulatedNodeIdentity identity, string uid, string podCidr)
    {
        Identity = identity;
        Uid = uid;
        PodIps = new PodIpAllocator(podCidr);
    }

    public SimulatedNodeIdentity Identity { get; }
    public string Name => Identity.Name;
    public string Uid { get; set; }
    public string HostIp => Identity.InternalIp;
    public PodIpAllocator PodIps { get; }

    /// <summary>Set while the node carries sim.k8sps.io/heartbeat=stopped: its kubelet is "dead".</summary>
    public bool HeartbeatStopped { get => _stopped; set => _stopped = value; }

    private volatile bool _stopped;
}
