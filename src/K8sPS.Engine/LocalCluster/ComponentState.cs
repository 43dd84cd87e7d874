using System.Text.Json;
using System.Text.Json.Serialization;

namespace K8sPS.Engine.LocalCluster;

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
    /// <summary>A fault injected and still in force ("Stopped", "Stopped until ...", "Killed, restart after ..."), or null.</summary>
    public string? Fault { get; set; }
}
