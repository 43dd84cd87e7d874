namespace K8sPS.Engine.Versions;

/// <summary>
/// What changed between Kubernetes versions that manifests trip over: removed API versions and deprecated
/// annotations. The one place such facts live; everything else asks the server (discovery).
/// </summary>
public static class ApiChanges
{
    public sealed record Removed(string ApiVersion, string Kind, string RemovedIn, string? Replacement, string? Note = null);

    public static readonly IReadOnlyList<Removed> RemovedApis =
    [
        new("settings.k8s.io/v1alpha1", "PodPreset", "1.20", null,
            "PodPreset had no replacement API: put the env and volumes in the pod template itself, or use a mutating admission webhook."),
        new("extensions/v1beta1", "Deployment", "1.16", "apps/v1"),
        new("extensions/v1beta1", "DaemonSet", "1.16", "apps/v1"),
        new("extensions/v1beta1", "ReplicaSet", "1.16", "apps/v1"),
        new("extensions/v1beta1", "NetworkPolicy", "1.16", "networking.k8s.io/v1"),
        new("extensions/v1beta1", "PodSecurityPolicy", "1.16", "policy/v1beta1"),
        new("extensions/v1beta1", "Ingress", "1.22", "networking.k8s.io/v1"),
        new("apps/v1beta1", "Deployment", "1.16", "apps/v1"),
        new("apps/v1beta1", "StatefulSet", "1.16", "apps/v1"),
        new("apps/v1beta2", "Deployment", "1.16", "apps/v1"),
        new("apps/v1beta2", "StatefulSet", "1.16", "apps/v1"),
        new("apps/v1beta2", "DaemonSet", "1.16", "apps/v1"),
        new("apps/v1beta2", "ReplicaSet", "1.16", "apps/v1"),
        new("networking.k8s.io/v1beta1", "Ingress", "1.22", "networking.k8s.io/v1"),
        new("networking.k8s.io/v1beta1", "IngressClass", "1.22", "networking.k8s.io/v1"),
        new("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", "1.22", "apiextensions.k8s.io/v1"),
        new("admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration", "1.22", "admissionregistration.k8s.io/v1"),
        new("admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration", "1.22", "admissionregistration.k8s.io/v1"),
        new("rbac.authorization.k8s.io/v1beta1", "ClusterRole", "1.22", "rbac.authorization.k8s.io/v1"),
        new("rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding", "1.22", "rbac.authorization.k8s.io/v1"),
        new("rbac.authorization.k8s.io/v1beta1", "Role", "1.22", "rbac.authorization.k8s.io/v1"),
        new("rbac.authorization.k8s.io/v1beta1", "RoleBinding", "1.22", "rbac.authorization.k8s.io/v1"),
        new("batch/v1beta1", "CronJob", "1.25", "batch/v1"),
        new("policy/v1beta1", "PodDisruptionBudget", "1.25", "policy/v1"),
        new("policy/v1beta1", "PodSecurityPolicy", "1.25", null, "PodSecurityPolicy was replaced by Pod Security Admission (namespace labels)."),
        new("autoscaling/v2beta1", "HorizontalPodAutoscaler", "1.25", "autoscaling/v2"),
        new("autoscaling/v2beta2", "HorizontalPodAutoscaler", "1.26", "autoscaling/v2"),
        new("storage.k8s.io/v1beta1", "CSIStorageCapacity", "1.27", "storage.k8s.io/v1"),
    ];

    public static Removed? FindRemoved(string? apiVersion, string? kind) =>
        RemovedApis.FirstOrDefault(r => r.ApiVersion == apiVersion && r.Kind == kind);

    public sealed record DeprecatedAnnotation(string Key, string Kinds, string Message, string Fix);

    public static readonly IReadOnlyList<DeprecatedAnnotation> DeprecatedAnnotations =
    [
        new("volume.beta.kubernetes.io/storage-class", "PersistentVolumeClaim,PersistentVolume",
            "the beta storage-class annotation is deprecated (since Kubernetes 1.6) and ignored by newer tools",
            "use spec.storageClassName: {0} instead of the annotation."),
        new("scheduler.alpha.kubernetes.io/critical-pod", "Pod,Deployment,DaemonSet,StatefulSet",
            "the critical-pod annotation was removed in Kubernetes 1.16", "use spec.priorityClassName: system-cluster-critical."),
        new("seccomp.security.alpha.kubernetes.io/pod", "Pod",
            "the seccomp annotation is deprecated since Kubernetes 1.19", "use spec.securityContext.seccompProfile."),
    ];
}
