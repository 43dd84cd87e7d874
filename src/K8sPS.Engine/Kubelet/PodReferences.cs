using k8s.Models;

namespace K8sPS.Engine.Kubelet;

/// <summary>
/// The Secrets and ConfigMaps a pod's containers read at start (env valueFrom, envFrom, and secret, configMap and
/// projected volumes), so a caller fetches just those. Image pull secrets are left out: a missing one does not stop
/// a container from being configured.
/// </summary>
public static class PodReferences
{
    public static IReadOnlySet<string> SecretNames(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var container in Containers(pod))
        {
            foreach (var from in container.EnvFrom ?? [])
                if (from.SecretRef?.Name is { Length: > 0 } n) names.Add(n);
            foreach (var env in container.Env ?? [])
                if (env.ValueFrom?.SecretKeyRef?.Name is { Length: > 0 } n) names.Add(n);
        }
        foreach (var volume in pod.Spec?.Volumes ?? [])
        {
            if (volume.Secret?.SecretName is { Length: > 0 } n) names.Add(n);
            foreach (var source in volume.Projected?.Sources ?? [])
                if (source.Secret?.Name is { Length: > 0 } p) names.Add(p);
        }
        return names;
    }

    public static IReadOnlySet<string> ConfigMapNames(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var container in Containers(pod))
        {
            foreach (var from in container.EnvFrom ?? [])
                if (from.ConfigMapRef?.Name is { Length: > 0 } n) names.Add(n);
            foreach (var env in container.Env ?? [])
                if (env.ValueFrom?.ConfigMapKeyRef?.Name is { Length: > 0 } n) names.Add(n);
        }
        foreach (var volume in pod.Spec?.Volumes ?? [])
        {
            if (volume.ConfigMap?.Name is { Length: > 0 } n) names.Add(n);
            foreach (var source in volume.Projected?.Sources ?? [])
                if (source.ConfigMap?.Name is { Length: > 0 } p) names.Add(p);
        }
        return names;
    }

    /// <summary>Init containers first, then the others: the order the kubelet starts them in.</summary>
    public static IEnumerable<V1Container> Containers(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return (pod.Spec?.InitContainers ?? []).Concat(pod.Spec?.Containers ?? []);
    }
}
