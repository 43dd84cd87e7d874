namespace K8sPS.Engine.LocalCluster;

/// <summary>One local cluster as the cmdlets emit it: read from its state.json and checked against the live supervisor.</summary>
public sealed class LocalClusterInfo
{
    public string Name { get; init; } = "";
    /// <summary>Starting, Running, Stopping, Stopped, Failed, or Crashed (state says running but the supervisor is gone).</summary>
    public string State { get; init; } = "";
    public string ApiServerUrl { get; init; } = "";
    public int NodeCount { get; init; }
    public int NodesReady { get; init; }
    /// <summary>"ready/total", as kubectl shows READY.</summary>
    public string Nodes => $"{NodesReady}/{NodeCount}";
    public string Context { get; init; } = "";
    public string KubeconfigPath { get; init; } = "";
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? ReadyAt { get; init; }
    /// <summary>Time since start while the supervisor runs; null once stopped.</summary>
    public TimeSpan? Uptime { get; init; }
    /// <summary>Seconds from start to all nodes Ready.</summary>
    public double? StartSeconds { get; init; }
    public IReadOnlyList<LocalClusterComponent> Components { get; init; } = [];
    public string Health => string.Join(", ", Components.Select(c => c.ToString()));
    public int SupervisorPid { get; init; }
    public string Folder { get; init; } = "";
    public string? Message { get; init; }

    public override string ToString() => Name;

    public static LocalClusterInfo From(ClusterState s, string folder)
    {
        var alive = ProcessTools.IsSupervisorOf(s.SupervisorPid, s.Name);
        var state = s.Phase switch
        {
            ClusterPhase.Starting or ClusterPhase.Running or ClusterPhase.Stopping when !alive => "Crashed",
            _ => s.Phase.ToString(),
        };
        var running = alive && s.Phase is ClusterPhase.Starting or ClusterPhase.Running;
        return new LocalClusterInfo
        {
            Name = s.Name,
            State = state,
            ApiServerUrl = s.ApiServerUrl,
            NodeCount = s.NodeCount,
            NodesReady = running ? s.NodesReady : 0,
            Context = s.Context,
            KubeconfigPath = s.KubeconfigPath,
            StartedAt = s.StartedAt,
            ReadyAt = s.ReadyAt,
            Uptime = running ? DateTimeOffset.UtcNow - s.StartedAt : null,
            StartSeconds = s.ReadyAt is { } r ? Math.Round((r - s.StartedAt).TotalSeconds, 1) : null,
            Components = s.Components.Select(c => new LocalClusterComponent
            {
                Name = c.Name,
                Pid = running ? c.Pid : 0,
                Health = running ? c.Health : "Stopped",
                Restarts = c.Restarts,
                LastError = c.LastError,
                Fault = running ? c.Fault : null,
            }).ToList(),
            SupervisorPid = alive ? s.SupervisorPid : 0,
            Folder = folder,
            Message = s.Message,
        };
    }
}
