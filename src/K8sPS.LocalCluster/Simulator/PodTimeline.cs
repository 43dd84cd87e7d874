using k8s.Models;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// When each step of a pod's simulated life happens, counted from the moment the simulator first saw it
/// bound to its node: the sandbox, the init containers one after another, then every container's
/// <see cref="ContainerPlan"/>. Derived only from the spec, the pod's <see cref="SimAnnotations"/>
/// (as they were when first seen), the image catalog and the options, so every re-computation agrees
/// and no per-pod timer is needed: the simulator just wakes the pod up at <see cref="NextChangeAfter"/>.
/// </summary>
public sealed class PodTimeline
{
    public PodTimeline(V1Pod pod, DateTime firstSeen, NodeSimulatorOptions options, ImageCatalog? catalog = null, string? podIp = null)
    {
        FirstSeen = firstSeen;
        SandboxReady = firstSeen + options.ContainerCreatingDuration;
        catalog ??= ImageCatalog.Empty;
        var problems = new List<string>();
        var uid = pod.Metadata?.Uid ?? "";
        var description = $"{pod.Metadata?.Name}_{pod.Metadata?.NamespaceProperty}({uid})";
        var policy = pod.Spec.RestartPolicy ?? "Always";

        var inits = new List<ContainerPlan>();
        DateTime? next = SandboxReady;
        foreach (var (container, i) in (pod.Spec.InitContainers ?? new List<V1Container>()).Select((c, i) => (c, i)))
        {
            var behaviour = ContainerBehaviour.For(pod, container, i, isInit: true, catalog, options, podIp, problems);
            // An init container that never completes holds back the ones after it: they have no plan yet.
            var plan = new ContainerPlan(behaviour, next ?? DateTime.MaxValue, uid, description, policy, options);
            inits.Add(plan);
            next = next is null ? null : plan.CompletedAt;
        }
        InitContainers = inits;
        ContainersStart = next;
        Containers = pod.Spec.Containers
            .Select((c, i) => new ContainerPlan(ContainerBehaviour.For(pod, c, i, isInit: false, catalog, options, podIp, problems),
                next ?? DateTime.MaxValue, uid, description, policy, options))
            .ToList();
        var names = pod.Spec.Containers.Select(c => c.Name).Concat(pod.Spec.InitContainers?.Select(c => c.Name) ?? []);
        Problems = problems
            .Concat(SimAnnotations.UnknownKeys(pod.Metadata?.Annotations, names).Select(k => $"{k}: no such simulator annotation (or no such container); ignored"))
            .ToList();
    }

    public DateTime FirstSeen { get; }
    /// <summary>The pod sandbox is up: the pod has its IP; init containers may start.</summary>
    public DateTime SandboxReady { get; }
    public IReadOnlyList<ContainerPlan> InitContainers { get; }
    /// <summary>When the containers start (every init container done), or null when an init container never completes.</summary>
    public DateTime? ContainersStart { get; }
    public IReadOnlyList<ContainerPlan> Containers { get; }
    /// <summary>Simulator annotations that could not be read (reported once as a Warning event).</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>When every container first was ready (for pods whose containers simply run).</summary>
    public DateTime AllReadyAt => Containers.Count == 0 || ContainersStart is null
        ? ContainersStart ?? DateTime.MaxValue
        : Containers.Max(c => c.Runs(c.AttemptFrom).FirstOrDefault()?.ReadyFrom ?? DateTime.MaxValue);

    public IEnumerable<ContainerPlan> AllContainers => InitContainers.Concat(Containers);

    /// <summary>The next moment after <paramref name="now"/> at which the pod's status changes, if any.</summary>
    public DateTime? NextChangeAfter(DateTime now)
    {
        var moments = new List<DateTime> { SandboxReady };
        foreach (var plan in AllContainers.Where(p => p.AttemptFrom != DateTime.MaxValue))
            if (plan.NextChangeAfter(now) is { } m) moments.Add(m);
        var next = moments.Where(m => m > now).DefaultIfEmpty(DateTime.MaxValue).Min();
        return next == DateTime.MaxValue ? null : next;
    }

    /// <summary>True while some container is in a state whose events keep repeating (so they are counted up now and then).</summary>
    public bool RepeatsEventsAt(DateTime now) =>
        AllContainers.Any(p => p.AttemptFrom <= now && p.RepeatsEventsAt(now));

    /// <summary>Every event the kubelet records for the pod's containers up to <paramref name="horizon"/>.</summary>
    public IEnumerable<EventSeries> Events(DateTime horizon) =>
        AllContainers.Where(p => p.AttemptFrom <= horizon).SelectMany(p => p.Events(horizon));
}
