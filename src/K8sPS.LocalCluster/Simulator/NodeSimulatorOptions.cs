namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// What the node simulator pretends to be and how fast simulated time runs.
/// The defaults are fast, for tests and demos; the supervisor may slow them down to look realistic.
/// </summary>
public sealed class NodeSimulatorOptions
{
    /// <summary>The first node is named after the cluster, the others "&lt;name&gt;-m02", "-m03"... as minikube does.</summary>
    public string ClusterName { get; set; } = "k8sps";

    public int NodeCount { get; set; } = 1;

    // What each node offers the scheduler.
    public string NodeCpu { get; set; } = "4";
    public string NodeMemory { get; set; } = "8Gi";
    public string NodeEphemeralStorage { get; set; } = "100Gi";
    public int MaxPodsPerNode { get; set; } = 110;

    /// <summary>Node i (1-based) gets InternalIP prefix + (i + 1): 192.168.49.2 for the first, as on minikube.</summary>
    public string NodeAddressPrefix { get; set; } = "192.168.49.";

    /// <summary>Pod CIDRs come from this /16: node i gets x.y.(i-1).0/24.</summary>
    public string ClusterCidrPrefix { get; set; } = "10.244.";

    /// <summary>The kubelet version nodes report; null takes the API server's own version.</summary>
    public string? KubeletVersion { get; set; }

    // Simulated kubelet timings.
    public TimeSpan ContainerCreatingDuration { get; set; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan InitContainerRunDuration { get; set; } = TimeSpan.FromMilliseconds(100);
    /// <summary>How long a Job's pod runs before it succeeds.</summary>
    public TimeSpan JobPodRunDuration { get; set; } = TimeSpan.FromMilliseconds(500);
    /// <summary>Readiness probes' initialDelaySeconds are multiplied by this (1.0 = real time).</summary>
    public double ProbeDelayScale { get; set; } = 0.1;
    public TimeSpan PreStopHookDuration { get; set; } = TimeSpan.FromMilliseconds(100);
    /// <summary>How long a container takes to exit once told to stop.</summary>
    public TimeSpan ContainerStopDuration { get; set; } = TimeSpan.FromMilliseconds(100);
    /// <summary>Graceful deletion never waits longer than this, whatever the pod's grace period.</summary>
    public TimeSpan MaxTerminationWait { get; set; } = TimeSpan.FromSeconds(2);

    // Heartbeats, as a kubelet with node leases does them.
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);
    public int LeaseDurationSeconds { get; set; } = 40;
    public TimeSpan NodeStatusInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many status patches and deletes may be in flight at once.</summary>
    public int MaxConcurrentWrites { get; set; } = 32;

    /// <summary>Where to say what happens (one line per message); null is silent.</summary>
    public Action<string>? Log { get; set; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterName)) throw new ArgumentException("ClusterName is required.");
        if (NodeCount < 1 || NodeCount > 256) throw new ArgumentOutOfRangeException(nameof(NodeCount), NodeCount, "NodeCount must be 1..256 (one /24 of the cluster CIDR per node).");
        if (MaxConcurrentWrites < 1) throw new ArgumentOutOfRangeException(nameof(MaxConcurrentWrites));
        if (ProbeDelayScale < 0) throw new ArgumentOutOfRangeException(nameof(ProbeDelayScale));
    }
}
