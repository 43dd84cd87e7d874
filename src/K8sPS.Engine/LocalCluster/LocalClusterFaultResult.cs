namespace K8sPS.Engine.LocalCluster;

/// <summary>What the supervisor did for one fault request (faults/&lt;Id&gt;.result.json), as Invoke-K8sLocalClusterFault emits it.</summary>
public sealed class LocalClusterFaultResult
{
    public string Id { get; set; } = "";
    public string Cluster { get; set; } = "";
    public string Component { get; set; } = "";
    public LocalClusterFaultAction Action { get; set; }
    /// <summary>False when the supervisor could not do it (the process was not running, say); <see cref="Message"/> says why.</summary>
    public bool Succeeded { get; set; }
    /// <summary>The process signalled.</summary>
    public int Pid { get; set; }
    /// <summary>The new process after a Restart; 0 otherwise (a killed one is restarted by the supervisor's loop, as after a crash).</summary>
    public int NewPid { get; set; }
    /// <summary>When a Stop with a duration is continued, or a Kill with a duration may be restarted.</summary>
    public DateTimeOffset? Until { get; set; }
    public DateTimeOffset DoneAt { get; set; }
    public string? Message { get; set; }

    public override string ToString() => $"{Component} {Action}{(Succeeded ? "" : " failed")}";
}
