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
