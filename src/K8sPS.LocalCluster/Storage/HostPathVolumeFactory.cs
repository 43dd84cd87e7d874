using k8s.Models;

namespace K8sPS.LocalCluster.Storage;

/// <summary>The StorageClass and PersistentVolume objects of the hostPath provisioner. Pure.</summary>
public static class HostPathVolumeFactory
{
    public const string DefaultClassAnnotation = "storageclass.kubernetes.io/is-default-class";
    public const string ProvisionedByAnnotation = "pv.kubernetes.io/provisioned-by";
    /// <summary>Set on a claim by the PV controller (1.20 writes the beta key, later versions both).</summary>
    public static readonly IReadOnlyList<string> StorageProvisionerAnnotations = new[]
    {
        "volume.beta.kubernetes.io/storage-provisioner",
        "volume.kubernetes.io/storage-provisioner",
    };

    public static V1StorageClass DefaultStorageClass(HostPathProvisionerOptions options) => new()
    {
        ApiVersion = "storage.k8s.io/v1",
        Kind = "StorageClass",
        Metadata = new V1ObjectMeta
        {
            Name = options.StorageClassName,
            Annotations = new Dictionary<string, string> { [DefaultClassAnnotation] = "true" },
            Labels = new Dictionary<string, string> { ["addonmanager.kubernetes.io/mode"] = "EnsureExists" },
        },
        Provisioner = options.ProvisionerName,
        ReclaimPolicy = "Delete",
        VolumeBindingMode = "Immediate",
    };

    public static string VolumeName(V1PersistentVolumeClaim claim) => "pvc-" + claim.Metadata.Uid;

    /// <summary>True when the PV controller handed this claim to us and it still waits for a volume.</summary>
    public static bool WantsVolume(V1PersistentVolumeClaim claim, string provisionerName) =>
        claim.Metadata.DeletionTimestamp is null
        && string.IsNullOrEmpty(claim.Spec?.VolumeName)
        && claim.Status?.Phase is null or "Pending"
        && StorageProvisionerAnnotations.Any(a => claim.Metadata.Annotations?.TryGetValue(a, out var p) == true && p == provisionerName);

    public static V1PersistentVolume Volume(V1PersistentVolumeClaim claim, string reclaimPolicy, HostPathProvisionerOptions options)
    {
        var name = VolumeName(claim);
        var size = claim.Spec.Resources?.Requests?.TryGetValue("storage", out var requested) == true ? requested : new ResourceQuantity("1Gi");
        return new V1PersistentVolume
        {
            ApiVersion = "v1",
            Kind = "PersistentVolume",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Annotations = new Dictionary<string, string> { [ProvisionedByAnnotation] = options.ProvisionerName },
            },
            Spec = new V1PersistentVolumeSpec
            {
                Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = size },
                AccessModes = claim.Spec.AccessModes?.ToList() ?? new List<string> { "ReadWriteOnce" },
                VolumeMode = claim.Spec.VolumeMode ?? "Filesystem",
                StorageClassName = claim.Spec.StorageClassName,
                PersistentVolumeReclaimPolicy = reclaimPolicy,
                // Pre-bound to its claim, as external provisioners do; the PV controller completes the binding.
                ClaimRef = new V1ObjectReference
                {
                    ApiVersion = "v1",
                    Kind = "PersistentVolumeClaim",
                    NamespaceProperty = claim.Metadata.NamespaceProperty,
                    Name = claim.Metadata.Name,
                    Uid = claim.Metadata.Uid,
                    ResourceVersion = claim.Metadata.ResourceVersion,
                },
                HostPath = new V1HostPathVolumeSource { Path = Path.Combine(options.VolumeRoot, name), Type = "DirectoryOrCreate" },
            },
        };
    }

    /// <summary>True for a volume of ours whose claim is gone and whose policy says to delete it.</summary>
    public static bool ShouldDelete(V1PersistentVolume volume, string provisionerName) =>
        volume.Metadata.DeletionTimestamp is null
        && volume.Metadata.Annotations?.TryGetValue(ProvisionedByAnnotation, out var by) == true && by == provisionerName
        && volume.Status?.Phase == "Released"
        && volume.Spec?.PersistentVolumeReclaimPolicy == "Delete";
}
