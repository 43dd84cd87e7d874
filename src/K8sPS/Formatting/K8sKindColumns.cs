using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Display;
using K8sPS.Engine.Metrics;

namespace K8sPS.Formatting;

/// <summary>
/// Getters behind the kind-specific properties of K8sPS.Kinds.types.ps1xml: thin glue over the Engine's
/// KindColumns, so each kubectl column is a real property (Where-Object, Sort-Object) of the object.
/// </summary>
public static class K8sKindColumns
{
    // Secrets: counts and key names only; a value never becomes a property.
    public static int? SecretDataCount(PSObject o) => Base<V1Secret>(o) is { } s ? KindColumns.SecretDataCount(s) : null;
    public static string[]? SecretKeys(PSObject o) => Base<V1Secret>(o) is { } s ? KindColumns.SecretKeys(s) : null;

    public static int? ConfigMapDataCount(PSObject o) => Base<V1ConfigMap>(o) is { } c ? KindColumns.ConfigMapDataCount(c) : null;

    public static string? NamespacePhase(PSObject o) => Base<V1Namespace>(o)?.Status?.Phase;

    public static string? NodeStatus(PSObject o) => Base<V1Node>(o) is { } n ? KindColumns.NodeStatus(n) : null;
    public static string? NodeRoles(PSObject o) => Base<V1Node>(o) is { } n ? KindColumns.NodeRoles(n) : null;
    public static string? NodeVersion(PSObject o) => Base<V1Node>(o)?.Status?.NodeInfo?.KubeletVersion;

    public static int ReplicaSetDesired(PSObject o) => Base<V1ReplicaSet>(o)?.Spec?.Replicas ?? 0;
    public static int ReplicaSetCurrent(PSObject o) => Base<V1ReplicaSet>(o)?.Status?.Replicas ?? 0;
    public static int ReplicaSetReady(PSObject o) => Base<V1ReplicaSet>(o)?.Status?.ReadyReplicas ?? 0;

    public static int ControllerDesired(PSObject o) => Base<V1ReplicationController>(o)?.Spec?.Replicas ?? 0;
    public static int ControllerCurrent(PSObject o) => Base<V1ReplicationController>(o)?.Status?.Replicas ?? 0;
    public static int ControllerReady(PSObject o) => Base<V1ReplicationController>(o)?.Status?.ReadyReplicas ?? 0;

    public static string? StatefulSetReady(PSObject o) => Base<V1StatefulSet>(o) is { } s ? KindColumns.StatefulSetReady(s) : null;

    public static int DaemonSetDesired(PSObject o) => Base<V1DaemonSet>(o)?.Status?.DesiredNumberScheduled ?? 0;
    public static int DaemonSetCurrent(PSObject o) => Base<V1DaemonSet>(o)?.Status?.CurrentNumberScheduled ?? 0;
    public static int DaemonSetReady(PSObject o) => Base<V1DaemonSet>(o)?.Status?.NumberReady ?? 0;
    public static int DaemonSetUpToDate(PSObject o) => Base<V1DaemonSet>(o)?.Status?.UpdatedNumberScheduled ?? 0;
    public static int DaemonSetAvailable(PSObject o) => Base<V1DaemonSet>(o)?.Status?.NumberAvailable ?? 0;
    public static string? DaemonSetNodeSelector(PSObject o) => Base<V1DaemonSet>(o) is { } d ? KindColumns.DaemonSetNodeSelector(d) : null;

    public static string? JobCompletions(PSObject o) => Base<V1Job>(o) is { } j ? KindColumns.JobCompletions(j) : null;
    public static string? JobDuration(PSObject o) => Base<V1Job>(o) is { } j ? KindColumns.JobDuration(j) : null;

    public static string? CronJobSchedule(PSObject o) => Base<V1CronJob>(o)?.Spec?.Schedule;
    public static string? CronJobSuspend(PSObject o) => Base<V1CronJob>(o) is { } c ? KindColumns.CronJobSuspend(c) : null;
    public static int CronJobActive(PSObject o) => Base<V1CronJob>(o) is { } c ? KindColumns.CronJobActive(c) : 0;
    public static string? CronJobLastSchedule(PSObject o) => Base<V1CronJob>(o) is { } c ? KindColumns.CronJobLastSchedule(c) : null;

    public static string? VolumeCapacity(PSObject o) => Base<V1PersistentVolume>(o) is { } v ? KindColumns.PersistentVolumeCapacity(v) : null;
    public static string? VolumeAccessModes(PSObject o) => Base<V1PersistentVolume>(o) is { } v ? KindColumns.AccessModes(v.Spec?.AccessModes) : null;
    public static string? VolumeReclaimPolicy(PSObject o) => Base<V1PersistentVolume>(o)?.Spec?.PersistentVolumeReclaimPolicy;
    public static string? VolumeStatus(PSObject o) => Base<V1PersistentVolume>(o) is { } v ? KindColumns.PersistentVolumeStatus(v) : null;
    public static string? VolumeClaim(PSObject o) => Base<V1PersistentVolume>(o) is { } v ? KindColumns.PersistentVolumeClaimRef(v) : null;
    public static string? VolumeClass(PSObject o) => Base<V1PersistentVolume>(o) is { } v ? KindColumns.PersistentVolumeClass(v) : null;
    public static string? VolumeReason(PSObject o) => Base<V1PersistentVolume>(o)?.Status?.Reason;

    public static string? ClaimStatus(PSObject o) => Base<V1PersistentVolumeClaim>(o) is { } c ? KindColumns.ClaimStatus(c) : null;
    public static string? ClaimVolume(PSObject o) => Base<V1PersistentVolumeClaim>(o)?.Spec?.VolumeName;
    public static string? ClaimCapacity(PSObject o) => Base<V1PersistentVolumeClaim>(o) is { } c ? KindColumns.ClaimCapacity(c) : null;
    public static string? ClaimAccessModes(PSObject o) => Base<V1PersistentVolumeClaim>(o) is { } c ? KindColumns.ClaimAccessModes(c) : null;
    public static string? ClaimClass(PSObject o) => Base<V1PersistentVolumeClaim>(o) is { } c ? KindColumns.ClaimClass(c) : null;

    public static bool StorageClassIsDefault(PSObject o) => Base<V1StorageClass>(o) is { } s && KindColumns.StorageClassIsDefault(s);
    public static string? StorageClassDisplayName(PSObject o) => Base<V1StorageClass>(o) is { } s ? KindColumns.StorageClassDisplayName(s) : null;
    public static string? StorageClassReclaimPolicy(PSObject o) => Base<V1StorageClass>(o) is { } s ? KindColumns.StorageClassReclaimPolicy(s) : null;
    public static string? StorageClassBindingMode(PSObject o) => Base<V1StorageClass>(o) is { } s ? KindColumns.StorageClassBindingMode(s) : null;
    public static bool StorageClassAllowExpansion(PSObject o) => Base<V1StorageClass>(o) is { } s && KindColumns.StorageClassAllowExpansion(s);

    public static string? IngressClass(PSObject o) => Base<V1Ingress>(o) is { } i ? KindColumns.IngressClass(i) : null;
    public static string? IngressHosts(PSObject o) => Base<V1Ingress>(o) is { } i ? KindColumns.IngressHosts(i) : null;
    public static string? IngressAddress(PSObject o) => Base<V1Ingress>(o) is { } i ? KindColumns.IngressAddress(i) : null;
    public static string? IngressPorts(PSObject o) => Base<V1Ingress>(o) is { } i ? KindColumns.IngressPorts(i) : null;

    public static string? HpaReference(PSObject o) => Base<V1HorizontalPodAutoscaler>(o) is { } h ? KindColumns.HpaReference(h) : null;
    public static string? HpaTargets(PSObject o) => Base<V1HorizontalPodAutoscaler>(o) is { } h ? KindColumns.HpaTargets(h) : null;
    public static string? HpaMinPods(PSObject o) => Base<V1HorizontalPodAutoscaler>(o) is { } h ? KindColumns.HpaMinPods(h) : null;
    public static int HpaMaxPods(PSObject o) => Base<V1HorizontalPodAutoscaler>(o)?.Spec?.MaxReplicas ?? 0;
    public static int HpaReplicas(PSObject o) => Base<V1HorizontalPodAutoscaler>(o)?.Status?.CurrentReplicas ?? 0;

    public static string? Endpoints(PSObject o) => Base<V1Endpoints>(o) is { } e ? KindColumns.Endpoints(e) : null;

    public static string CreatedAt(PSObject o) => KindColumns.CreatedAt(K8sColumns.Meta(o));

    private static T? Base<T>(PSObject? instance) where T : class => instance?.BaseObject as T;
}
