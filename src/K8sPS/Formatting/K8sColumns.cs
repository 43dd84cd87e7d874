using System.Management.Automation;
using k8s;
using k8s.Models;
using K8sPS.Engine.Display;

namespace K8sPS.Formatting;

/// <summary>
/// The getters behind the properties K8sPS.types.ps1xml adds to Kubernetes objects (CodeProperty):
/// Name and Namespace lifted from metadata so objects bind by property name, and kubectl's columns
/// as real properties that Where-Object and Sort-Object can use. Age is a TimeSpan so it sorts.
/// </summary>
public static class K8sColumns
{
    public static string? Name(PSObject instance) => Meta(instance)?.Name;

    public static string? Namespace(PSObject instance) => Meta(instance)?.NamespaceProperty;

    public static IDictionary<string, string>? Labels(PSObject instance) => Meta(instance)?.Labels;

    /// <summary>kubectl --show-labels text: app=web,pod-template-hash=...</summary>
    public static string LabelText(PSObject instance) => Columns.LabelText(Meta(instance)?.Labels);

    public static DateTime? Created(PSObject instance) => Meta(instance)?.CreationTimestamp?.ToUniversalTime();

    public static TimeSpan? Age(PSObject instance)
        => Meta(instance)?.CreationTimestamp is DateTime created ? DateTime.UtcNow - created.ToUniversalTime() : null;

    /// <summary>AGE as kubectl prints it (5m10s); used by the views.</summary>
    public static string FormatAge(object? age) => Columns.HumanDuration(age is PSObject p ? p.BaseObject as TimeSpan? : age as TimeSpan?);

    // Pods
    public static string? PodReady(PSObject instance) => Base<V1Pod>(instance) is { } p ? Columns.PodReady(p) : null;
    public static string? PodState(PSObject instance) => Base<V1Pod>(instance) is { } p ? Columns.PodStatus(p) : null;
    public static int PodRestarts(PSObject instance) => Base<V1Pod>(instance) is { } p ? Columns.PodRestarts(p) : 0;
    public static string? PodIP(PSObject instance) => Base<V1Pod>(instance)?.Status?.PodIP;
    public static string? PodNode(PSObject instance) => Base<V1Pod>(instance)?.Spec?.NodeName;

    // Deployments
    public static string? DeploymentReady(PSObject instance) => Base<V1Deployment>(instance) is { } d ? Columns.DeploymentReady(d) : null;
    public static int DeploymentUpToDate(PSObject instance) => Base<V1Deployment>(instance)?.Status?.UpdatedReplicas ?? 0;
    public static int DeploymentAvailable(PSObject instance) => Base<V1Deployment>(instance)?.Status?.AvailableReplicas ?? 0;
    public static int DeploymentReplicas(PSObject instance) => Base<V1Deployment>(instance)?.Spec?.Replicas ?? 0;

    // Services
    public static string? ServiceType(PSObject instance) => Base<V1Service>(instance)?.Spec?.Type;
    public static string? ServiceClusterIP(PSObject instance) => Base<V1Service>(instance)?.Spec?.ClusterIP;
    public static string? ServiceExternalIP(PSObject instance) => Base<V1Service>(instance) is { } s ? Columns.ServiceExternalIP(s) : null;
    public static string? ServicePorts(PSObject instance) => Base<V1Service>(instance) is { } s ? Columns.ServicePorts(s) : null;

    private static T? Base<T>(PSObject? instance) where T : class => instance?.BaseObject as T;

    internal static V1ObjectMeta? Meta(PSObject? instance)
        => Base<IKubernetesObject<V1ObjectMeta>>(instance)?.Metadata ?? ManifestMeta(instance);

    // Objects Get-K8sResource returns for kinds the client has no model for are PSCustomObjects (K8sPS.Manifest):
    // read their metadata so they too have Name, Namespace and Age.
    private static V1ObjectMeta? ManifestMeta(PSObject? instance)
    {
        if (instance?.BaseObject is not PSCustomObject || instance.Properties["metadata"]?.Value is not PSObject meta) return null;
        string? Text(string name) => meta.Properties[name]?.Value?.ToString();
        return new V1ObjectMeta
        {
            Name = Text("name"),
            NamespaceProperty = Text("namespace"),
            CreationTimestamp = DateTime.TryParse(Text("creationTimestamp"), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : null,
            Labels = meta.Properties["labels"]?.Value is PSObject labels
                ? labels.Properties.ToDictionary(p => p.Name, p => p.Value?.ToString() ?? "", StringComparer.Ordinal) : null,
        };
    }
}
