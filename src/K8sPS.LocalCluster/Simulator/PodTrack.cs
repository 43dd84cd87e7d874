namespace K8sPS.LocalCluster.Simulator;

/// <summary>What the simulator remembers of one pod (by UID) between reconciliations.</summary>
internal sealed class PodTrack
{
    public PodTrack(string nodeName, DateTime firstSeen, string? podIp, bool ipFromAllocator)
    {
        NodeName = nodeName;
        FirstSeen = firstSeen;
        TimelineStart = firstSeen;
        PodIp = podIp;
        IpFromAllocator = ipFromAllocator;
    }

    public string NodeName { get; }
    public DateTime FirstSeen { get; }
    public string? PodIp { get; }
    /// <summary>False for hostNetwork pods, whose IP is the node's.</summary>
    public bool IpFromAllocator { get; }
    /// <summary>When the containers' timeline starts: when first seen, or when a held pod's configuration appeared.</summary>
    public DateTime TimelineStart { get; set; }
    public PodTimeline? Timeline { get; set; }
    public DateTime? DeletionSeen { get; set; }
    public bool StoppedWritten { get; set; }
    public bool DeleteSent { get; set; }
    /// <summary>Events up to this moment were handed to the recorder.</summary>
    public DateTime EventsUpTo { get; set; }
    /// <summary>Occurrences up to this moment belong to a kubelet before a restart (not counted again).</summary>
    public DateTime EventBaseline { get; set; }
    public bool ProblemsReported { get; set; }
}
