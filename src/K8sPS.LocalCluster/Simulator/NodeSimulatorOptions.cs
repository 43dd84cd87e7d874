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

    /// <summary>
    /// Node i (1-based) gets InternalIP prefix + (i + 1): 127.0.49.2 for the first (minikube's last
    /// octets on loopback), counting on into the next octet past .255. A loopback address, so that
    /// nothing that dials a node (the API server for logs, a user for a NodePort) leaves the machine.
    /// </summary>
    public string NodeAddressPrefix { get; set; } = "127.0.49.";

    /// <summary>Pod CIDRs come from this /16: node i gets x.y.(i-1).0/24.</summary>
    public string ClusterCidrPrefix { get; set; } = "10.244.";

    /// <summary>The kubelet version nodes report; null takes the API server's own version.</summary>
    public string? KubeletVersion { get; set; }

    // Simulated kubelet timings.
    public TimeSpan ContainerCreatingDuration { get; set; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan InitContainerRunDuration { get; set; } = TimeSpan.FromMilliseconds(100);
    /// <summary>How long a Job's pod (or a container whose command plainly ends) runs before it exits.</summary>
    public TimeSpan JobPodRunDuration { get; set; } = TimeSpan.FromMilliseconds(500);
    /// <summary>
    /// Pod time to real time: the pod's own seconds (probes' initialDelaySeconds and periodSeconds,
    /// `sleep N` in hooks and init containers, the durations of <see cref="SimAnnotations"/>) and the
    /// kubelet's back-off (10 s doubling to 5 min, its 10 s re-sync) are multiplied by this.
    /// 0.1: ten times faster than a real node; 1.0: real time.
    /// </summary>
    public double TimeScale { get; set; } = 0.1;
    /// <summary>
    /// How long a pull takes when the kubelet pulls (imagePullPolicy Always) and no pull time is asked
    /// for. Zero by default: a plain pod is Ready as soon as its containers are created, whatever its tag.
    /// </summary>
    public TimeSpan ImagePullDuration { get; set; } = TimeSpan.Zero;
    /// <summary>How long a postStart hook runs when neither its command (`sleep N`) nor an annotation says.</summary>
    public TimeSpan PostStartHookDuration { get; set; } = TimeSpan.FromMilliseconds(100);
    /// <summary>How long a preStop hook runs when neither its command (`sleep N`) nor an annotation says.</summary>
    public TimeSpan PreStopHookDuration { get; set; } = TimeSpan.FromMilliseconds(100);
    /// <summary>How long a container takes to exit once told to stop.</summary>
    public TimeSpan ContainerStopDuration { get; set; } = TimeSpan.FromMilliseconds(100);
    /// <summary>Graceful deletion never waits longer than this, whatever the pod's grace period.</summary>
    public TimeSpan MaxTerminationWait { get; set; } = TimeSpan.FromSeconds(2);

    // Heartbeats, as a kubelet with node leases does them: renewed every quarter of the lease. The
    // local cluster's node-monitor-grace-period (20 s) is five renewals (a kubelet's 40 s are four of its 10 s).
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(4);
    public int LeaseDurationSeconds { get; set; } = 16;
    public TimeSpan NodeStatusInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many status patches and deletes may be in flight at once.</summary>
    public int MaxConcurrentWrites { get; set; } = 32;

    /// <summary>How many Event writes may be in flight at once; they wait while pod status work is queued.</summary>
    public int MaxConcurrentEventWrites { get; set; } = 2;

    /// <summary>
    /// Events written per second at most, all nodes together (a kubelet allows 5 per node; 25 here keeps
    /// them to a few percent of what the API server does on 2 cores), after a burst of <see cref="EventBurst"/>.
    /// </summary>
    public double MaxEventsPerSecond { get; set; } = 25;

    public int EventBurst { get; set; } = 100;

    /// <summary>Events that keep repeating (back-off, failing probes) are counted up at most this often per pod.</summary>
    public TimeSpan EventRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Serve each node's kubelet endpoint (logs; exec and port-forward answered with an error) on its address; null serves none.</summary>
    public KubeletEndpointOptions? KubeletEndpoint { get; set; }

    /// <summary>Where to say what happens (one line per message); null is silent.</summary>
    public Action<string>? Log { get; set; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterName)) throw new ArgumentException("ClusterName is required.");
        if (NodeCount < 1 || NodeCount > 256) throw new ArgumentOutOfRangeException(nameof(NodeCount), NodeCount, "NodeCount must be 1..256 (one /24 of the cluster CIDR per node).");
        if (MaxConcurrentWrites < 1) throw new ArgumentOutOfRangeException(nameof(MaxConcurrentWrites));
        if (TimeScale <= 0) throw new ArgumentOutOfRangeException(nameof(TimeScale));
        if (MaxConcurrentEventWrites < 1) throw new ArgumentOutOfRangeException(nameof(MaxConcurrentEventWrites));
        if (MaxEventsPerSecond <= 0) throw new ArgumentOutOfRangeException(nameof(MaxEventsPerSecond));
        if (EventBurst < 1) throw new ArgumentOutOfRangeException(nameof(EventBurst));
    }
}
