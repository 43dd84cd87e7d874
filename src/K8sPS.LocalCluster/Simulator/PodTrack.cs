namespace K8sPS.LocalCluster.Simulator;

/// <summary>What the simulator remembers of one pod (by UID) between reconciliations.</summary>
internal sealed class PodTrack
{
    public PodTrack(string nodeName, DateTime firstSeen, string? podIp, bool ipFromAllocator)
    {
        NodeName = nodeName;
        FirstSeen = firstSeen;
        PodIp = podIp;
        IpFromAllocator = ipFromAllocator;
    }

    public string NodeName { get; }
    public DateTime FirstSeen { get; }
    public string? PodIp { get; }
    /// <summary>False for hostNetwork pods, whose IP is the node's.</summary>
    public bool IpFromAllocator { get; }
    public PodTimeline? Timeline { get; set; }
    public DateTime? DeletionSeen { get; set; }
    public bool StoppedWritten { get; set; }
    public bool DeleteSent { get; set; }
}
