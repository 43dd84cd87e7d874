namespace K8sPS.Engine.Metrics;

/// <summary>
/// What `kubectl autoscale` is given: the target (Deployment, ReplicaSet, StatefulSet or ReplicationController)
/// and --max, --min, --cpu-percent and --name. Null stands for a flag left out; as in kubectl, a --min of 0 or
/// less is left to the server's default (1), while a --cpu-percent of 0 is kept.
/// </summary>
public sealed record AutoscaleRequest(string TargetKind, string TargetName, int MaxReplicas, int? MinReplicas = null, int? CpuPercent = null, string? Name = null);
