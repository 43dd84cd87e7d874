namespace K8sPS.Engine.LocalCluster;

/// <summary>Health of one control-plane process, as Get-K8sLocalCluster shows it.</summary>
public sealed class LocalClusterComponent
{
    public string Name { get; init; } = "";
    public int Pid { get; init; }
    public string Health { get; init; } = "";
    public int Restarts { get; init; }
    public string? LastError { get; init; }
    /// <summary>A fault injected with Invoke-K8sLocalClusterFault and still in force, or null.</summary>
    public string? Fault { get; init; }

    public override string ToString() => $"{Name}={Health}";
}
