namespace K8sPS.Engine.LocalCluster;

/// <summary>
/// One fault asked of a cluster's supervisor, written as faults/&lt;Id&gt;.request.json in the cluster's folder.
/// <see cref="Duration"/>: for Stop, continue after it; for Kill, restart no sooner than after it (an outage that long).
/// </summary>
public sealed class LocalClusterFaultRequest
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");
    public string Component { get; set; } = "";
    public LocalClusterFaultAction Action { get; set; }
    public TimeSpan? Duration { get; set; }
    public DateTimeOffset RequestedAt { get; set; } = DateTimeOffset.UtcNow;
}
