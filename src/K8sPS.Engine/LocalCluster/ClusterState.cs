using System.Text.Json;
using System.Text.Json.Serialization;

namespace K8sPS.Engine.LocalCluster;

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
