using k8s.Models;

namespace K8sPS.Engine.Kubelet;

/// <summary>
/// Every container of a pod as the kubelet sets it up (<see cref="ContainerSetup"/>): init containers, then the
/// others. Each container is linked to the services that existed when it started (the kubelet reads its service
/// list at that moment, so a service created later gives no variables until the container is restarted); one that
/// has not started yet is linked to all of them. A pure function of the pod and the lookups.
/// </summary>
public static class PodSetup
{
    public static IReadOnlyList<ContainerSetup> Compute(V1Pod pod, PodLookups lookups, string? containerName = null)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(lookups);
        var init = (pod.Spec?.InitContainers ?? []).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var result = new List<ContainerSetup>();
        foreach (var container in PodReferences.Containers(pod))
        {
            if (containerName is not null && container.Name != containerName) continue;
            var startedAt = StartedAt(pod, container.Name, init.Contains(container.Name));
            var atStart = lookups with { Services = ServicesAt(lookups.Services, startedAt) };
            result.Add(new ContainerSetup(
                PodEnvironment.Compute(pod, container.Name, atStart),
                ProjectedFiles.ForContainer(pod, container.Name, atStart),
                init.Contains(container.Name),
                startedAt));
        }
        if (containerName is not null && result.Count == 0) PodEnvironment.FindContainer(pod, containerName); // throws ContainerNotFound
        return result;
    }

    /// <summary>When the container's current run started (running or terminated); null when it has not started.</summary>
    public static DateTime? StartedAt(V1Pod pod, string containerName, bool isInit)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var statuses = isInit ? pod.Status?.InitContainerStatuses : pod.Status?.ContainerStatuses;
        var state = statuses?.FirstOrDefault(s => s.Name == containerName)?.State;
        return (state?.Running?.StartedAt ?? state?.Terminated?.StartedAt)?.ToUniversalTime();
    }

    /// <summary>
    /// The services that existed at <paramref name="startedAt"/> (all when null). Creation times have whole seconds,
    /// so one created in the same second counts as existing: the kubelet may well have seen it.
    /// </summary>
    public static IReadOnlyList<V1Service> ServicesAt(IEnumerable<V1Service> services, DateTime? startedAt)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (startedAt is not { } at) return services.ToList();
        var started = Second(at);
        return services.Where(s => s.Metadata?.CreationTimestamp is not { } created || Second(created) <= started).ToList();
    }

    private static DateTime Second(DateTime t)
    {
        var utc = t.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond));
    }
}
