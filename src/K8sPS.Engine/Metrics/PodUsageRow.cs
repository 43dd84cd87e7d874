namespace K8sPS.Engine.Metrics;

/// <summary>
/// One line of `kubectl top pod`: a pod's usage summed over its containers, or, with --containers, one
/// container's (<see cref="Container"/> set). Values are kubectl's: millicores rounded up, bytes rounded up.
/// </summary>
public sealed record PodUsageRow(string Namespace, string Pod, string? Container, long CpuMillicores, long MemoryBytes)
{
    /// <summary>NAME: the container's name with --containers, else the pod's.</summary>
    public string Name => Container ?? Pod;

    /// <summary>CPU(cores): "250m".</summary>
    public string CpuText => UsageQuantity.CpuText(CpuMillicores);

    /// <summary>MEMORY(bytes): "64Mi".</summary>
    public string MemoryText => UsageQuantity.MemoryText(MemoryBytes);
}
