namespace K8sPS.Engine.Nodes;

/// <summary>
/// kubectl drain's switches, named as K8sPS names them: -Force (pods no controller manages), -IgnoreDaemonSets,
/// -DeleteEmptyDirData, -GracePeriodSeconds (negative: each pod's own), -TimeoutSeconds (zero: no limit),
/// -PodSelector, and -DisableEviction (delete instead of evicting: PodDisruptionBudgets are not consulted).
/// </summary>
public sealed record DrainOptions
{
    public bool Force { get; init; }
    public bool IgnoreDaemonSets { get; init; }
    public bool DeleteEmptyDirData { get; init; }
    public int GracePeriodSeconds { get; init; } = -1;
    public TimeSpan Timeout { get; init; } = TimeSpan.Zero;
    public string? PodSelector { get; init; }
    public bool DisableEviction { get; init; }
}
