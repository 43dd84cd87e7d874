namespace K8sPS.LocalCluster.Storage;

public sealed class HostPathProvisionerOptions
{
    /// <summary>The provisioner name the StorageClass names and PVCs get annotated with.</summary>
    public string ProvisionerName { get; set; } = "k8sps.io/hostpath";

    public string StorageClassName { get; set; } = "standard";

    /// <summary>Volumes are folders under this per-cluster folder, one per claim.</summary>
    public string VolumeRoot { get; set; } = "";

    public Action<string>? Log { get; set; }
}
