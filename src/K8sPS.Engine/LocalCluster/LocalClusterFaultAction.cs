namespace K8sPS.Engine.LocalCluster;

/// <summary>What a fault injection does to one control-plane process of a local cluster.</summary>
public enum LocalClusterFaultAction
{
    /// <summary>SIGKILL: the process dies at once, as in a crash; the supervisor restarts it as after any crash.</summary>
    Kill,
    /// <summary>SIGSTOP: the process freezes (a stalled server: connections open, no answers) until continued.</summary>
    Stop,
    /// <summary>SIGCONT: a stopped process runs again.</summary>
    Continue,
    /// <summary>SIGTERM, then a fresh start: a planned restart, as an upgrade would do.</summary>
    Restart,
}
