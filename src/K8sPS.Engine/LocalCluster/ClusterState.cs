using System.Text.Json;
using System.Text.Json.Serialization;

namespace K8sPS.Engine.LocalCluster;

/// <summary>What the supervisor is doing, as written to state.json.</summary>
public enum ClusterPhase
{
    Starting,
    Running,
    Stopping,
    Stopped,
    Failed,
}

/// <summary>The ports a cluster listens on, all on 127.0.0.1.</summary>
public sealed class ClusterPorts
{
    public int ApiServer { get; set; }
    public int EtcdClient { get; set; }
    public int EtcdPeer { get; set; }
    public int ControllerManager { get; set; }
    public int Scheduler { get; set; }
    /// <summary>The simulated kubelets' endpoints, on each node's own loopback address (127.0.49.x), not on 127.0.0.1.</summary>
    public int Kubelet { get; set; }

    [JsonIgnore]
    public IEnumerable<(string Name, int Port)> All =>
        [("kube-apiserver", ApiServer), ("etcd", EtcdClient), ("etcd-peer", EtcdPeer),
         ("kube-controller-manager", ControllerManager), ("kube-scheduler", Scheduler)];
}

/// <summary>One supervised process.</summary>
public sealed class ComponentState
{
    public string Name { get; set; } = "";
    public int Pid { get; set; }
    /// <summary>Full path of the binary, so a later run can tell a leftover from an unrelated process that reused the pid.</summary>
    public string Executable { get; set; } = "";
    public string Health { get; set; } = "Unknown";
    public int Restarts { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>state.json of one cluster: written by the supervisor, read by the cmdlets.</summary>
public sealed class ClusterState
{
    public string Name { get; set; } = "";
    public ClusterPhase Phase { get; set; } = ClusterPhase.Starting;
    /// <summary>What the supervisor is waiting for now, or why it failed.</summary>
    public string? Message { get; set; }
    public int SupervisorPid { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? ReadyAt { get; set; }
    public DateTimeOffset? StoppedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string ApiServerUrl { get; set; } = "";
    public ClusterPorts Ports { get; set; } = new();
    public int NodeCount { get; set; }
    public int NodesReady { get; set; }
    public string KubeconfigPath { get; set; } = "";
    public string Context { get; set; } = "";
    public string BinPath { get; set; } = "";
    public List<ComponentState> Components { get; set; } = [];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ClusterState FromJson(string json) =>
        JsonSerializer.Deserialize<ClusterState>(json, Json) ?? throw new InvalidDataException("state.json is empty");

    /// <summary>Reads state.json, or null when the cluster has none (never started, or removed).</summary>
    public static ClusterState? TryLoad(string clusterDir)
    {
        var path = LocalClusterPaths.StateFile(clusterDir);
        // The writer replaces the file atomically, so a read sees a whole file; a short retry covers a rename in flight.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return File.Exists(path) ? FromJson(File.ReadAllText(path)) : null;
            }
            catch (Exception e) when ((e is IOException or JsonException) && attempt < 3)
            {
                Thread.Sleep(50);
            }
        }
    }

    public void Save(string clusterDir)
    {
        UpdatedAt = DateTimeOffset.UtcNow;
        LocalClusterPaths.WritePrivateFile(LocalClusterPaths.StateFile(clusterDir), ToJson());
    }
}
