namespace K8sPS.Engine.LocalCluster;

/// <summary>Annotations the local cluster's node simulator writes, which cmdlets read (one definition for both).</summary>
public static class SimulatorAnnotations
{
    /// <summary>On a Node: the name of the local cluster whose simulator runs it.</summary>
    public const string SimulatedBy = "k8sps.io/simulated-by";
}
