namespace K8sPS.LocalCluster.Metrics;

/// <summary>What one container uses at one moment: CPU in nanocores, memory (working set) in bytes.</summary>
internal readonly record struct ContainerUsage(string Name, long NanoCores, long MemoryBytes);
