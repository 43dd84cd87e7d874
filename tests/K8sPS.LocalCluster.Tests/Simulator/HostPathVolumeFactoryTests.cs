using k8s.Models;
using K8sPS.LocalCluster.Storage;

namespace K8sPS.LocalCluster.Tests.Simulator;

public sealed class HostPathProvisionerTests
{
    private static readonly HostPathProvisionerOptions Options = new() { VolumeRoot = "/var/k8sps/demo/volumes" };

    private static V1PersistentVolumeClaim Claim(string? provisioner = "k8sps.io/hostpath") => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "data", NamespaceProperty = "shop", Uid = "1234",
            Annotations = provisioner is null ? null : new Dictionary<string, string> { ["volume.beta.kubernetes.io/storage-provisioner"] = provisioner },
        },
        Spec = new V1PersistentVolumeClaimSpec
        {
            StorageClassName = "standard",
            AccessModes = new List<string> { "ReadWriteOnce" },
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("5Gi") } },
        },
        Status = new V1PersistentVolumeClaimStatus { Phase = "Pending" },
    };

    [Fact]
    public void The_default_class_is_standard_with_delete_and_immediate_binding()
    {
        var storageClass = HostPathVolumeFactory.DefaultStorageClass(Options);
        Assert.Equal("standard", storageClass.Metadata.Name);
        Assert.Equal("true", storageClass.Metadata.Annotations["storageclass.kubernetes.io/is-default-class"]);
        Assert.Equal("k8sps.io/hostpath", storageClass.Provisioner);
        Assert.Equal("Delete", storageClass.ReclaimPolicy);
        Assert.Equal("Immediate", storageClass.VolumeBindingMode);
    }

    [Fact]
    public void Only_claims_handed_to_this_provisioner_and_still_unbound_get_a_volume()
    {
        Assert.True(HostPathVolumeFactory.WantsVolume(Claim(), "k8sps.io/hostpath"));
        Assert.False(HostPathVolumeFactory.WantsVolume(Claim("example.com/other"), "k8sps.io/hostpath"));
        Assert.False(HostPathVolumeFactory.WantsVolume(Claim(null), "k8sps.io/hostpath"));
        var bound = Claim();
        bound.Spec.VolumeName = "pvc-1234";
        Assert.False(HostPathVolumeFactory.WantsVolume(bound, "k8sps.io/hostpath"));
    }

    [Fact]
    public void The_volume_is_named_after_the_claim_uid_and_bound_to_it()
    {
        var volume = HostPathVolumeFactory.Volume(Claim(), "Delete", Options);
        Assert.Equal("pvc-1234", volume.Metadata.Name);
        Assert.Equal("k8sps.io/hostpath", volume.Metadata.Annotations["pv.kubernetes.io/provisioned-by"]);
        Assert.Equal("5Gi", volume.Spec.Capacity["storage"].ToString());
        Assert.Equal(new[] { "ReadWriteOnce" }, volume.Spec.AccessModes);
        Assert.Equal("standard", volume.Spec.StorageClassName);
        Assert.Equal("Delete", volume.Spec.PersistentVolumeReclaimPolicy);
        Assert.Equal(("shop", "data", "1234"), (volume.Spec.ClaimRef.NamespaceProperty, volume.Spec.ClaimRef.Name, volume.Spec.ClaimRef.Uid));
        Assert.Equal("/var/k8sps/demo/volumes/pvc-1234", volume.Spec.HostPath.Path);
    }

    [Fact]
    public void Only_our_released_volumes_with_policy_delete_are_deleted()
    {
        var volume = HostPathVolumeFactory.Volume(Claim(), "Delete", Options);
        volume.Status = new V1PersistentVolumeStatus { Phase = "Bound" };
        Assert.False(HostPathVolumeFactory.ShouldDelete(volume, "k8sps.io/hostpath"));
        volume.Status.Phase = "Released";
        Assert.True(HostPathVolumeFactory.ShouldDelete(volume, "k8sps.io/hostpath"));
        volume.Spec.PersistentVolumeReclaimPolicy = "Retain";
        Assert.False(HostPathVolumeFactory.ShouldDelete(volume, "k8sps.io/hostpath"));
        volume.Spec.PersistentVolumeReclaimPolicy = "Delete";
        Assert.False(HostPathVolumeFactory.ShouldDelete(volume, "example.com/other"));
    }
}
