using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Kubelet;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>What the pod's status is while a container cannot be configured, and when to look again.</summary>
internal sealed record HeldPod(V1PodStatus Status, DateTime RetryAt);

/// <summary>
/// The kubelet's container configuration step, as a real node does it: a container whose Secret, ConfigMap or key
/// is missing (and not optional) is not started. It waits in CreateContainerConfigError with the kubelet's message
/// (env, envFrom), or, when a secret or configMap volume cannot be set up, the pod waits in ContainerCreating without
/// an IP. The kubelet retries; so does this, every <see cref="RetryInterval"/>, and the pod goes on (its timeline
/// starting then) once everything is there. What is missing is decided by the Engine (PodSetup: PodEnvironment and
/// ProjectedFiles); a pod that names no Secret or ConfigMap costs nothing, and one that does is read once.
/// Simplification: while one container is held, the pod's other containers wait too (a real kubelet starts them).
/// </summary>
internal sealed class ContainerConfigGate(IKubernetes client, NodeSimulatorOptions options)
{
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    // Pods whose containers were allowed to start: never held again (the kubelet does not re-check a running container).
    private readonly ConcurrentDictionary<string, bool> _released = new();
    private readonly ConcurrentDictionary<string, bool> _held = new();

    /// <summary>
    /// Null when the pod's containers may start (then, if the pod had been held, its timeline starts now); otherwise
    /// the status to write while it waits.
    /// </summary>
    public async Task<HeldPod?> HoldAsync(V1Pod pod, PodTrack track, string hostIp, DateTime now, CancellationToken ct)
    {
        var uid = pod.Metadata.Uid;
        if (_released.ContainsKey(uid)) return null;
        if (Started(pod) || (PodReferences.SecretNames(pod).Count == 0 && PodReferences.ConfigMapNames(pod).Count == 0))
        {
            _released[uid] = true;
            return null;
        }
        var lookups = await PodSetupReader.LookupsAsync(client, pod, includeServices: false, ct).ConfigureAwait(false);
        // The node's allocatable, for resourceFieldRef without limits (what every simulated node offers).
        lookups = lookups with
        {
            NodeAllocatable = new Dictionary<string, ResourceQuantity>
            {
                ["cpu"] = new(options.NodeCpu),
                ["memory"] = new(options.NodeMemory),
                ["ephemeral-storage"] = new(options.NodeEphemeralStorage),
            },
        };
        var failure = PodSetup.Compute(pod, lookups).Select(c => (c.ContainerName, c.IsInitContainer, Failure: c.Failure))
            .FirstOrDefault(c => c.Failure is not null && IsMissingObject(c.Failure, pod));
        if (failure.Failure is null)
        {
            _released[uid] = true;
            if (_held.TryRemove(uid, out _))
            {
                track.TimelineStart = now;
                track.Timeline = null;
            }
            return null;
        }
        _held[uid] = true;
        var status = Status(pod, failure.ContainerName, failure.IsInitContainer, failure.Failure, hostIp, track.PodIp, track.FirstSeen);
        // The controller patches when the reason changes; the message can change alone (the secret is there now,
        // its key is not), which its comparison does not look at: that patch is sent here.
        if (PodStatusPatch.IsSatisfied(pod.Status, status) && WaitingMessage(pod.Status, failure.ContainerName) != failure.Failure.Message)
            await PatchAsync(pod, status, ct).ConfigureAwait(false);
        return new HeldPod(status, now + RetryInterval);
    }

    private static string? WaitingMessage(V1PodStatus? status, string container)
        => (status?.ContainerStatuses ?? []).Concat(status?.InitContainerStatuses ?? []).FirstOrDefault(s => s.Name == container)?.State?.Waiting?.Message;

    private async Task PatchAsync(V1Pod pod, V1PodStatus status, CancellationToken ct)
    {
        try
        {
            await client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(PodStatusPatch.Build(pod, status), V1Patch.PatchType.StrategicMergePatch),
                pod.Metadata.Name, pod.Metadata.NamespaceProperty, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiStatus.Is(e, System.Net.HttpStatusCode.NotFound) || ApiStatus.Is(e, System.Net.HttpStatusCode.Conflict))
        {
            // Deleted or replaced meanwhile: the watch says what comes next.
        }
    }

    public void Forget(string uid)
    {
        _released.TryRemove(uid, out _);
        _held.TryRemove(uid, out _);
    }

    // Only what a real node would refuse for a missing object or key; the rest (resourceFieldRef without node data...) is not simulated.
    private static bool IsMissingObject(ContainerStartFailure failure, V1Pod pod)
        => failure.ToError(pod.Metadata.Name, pod.Metadata.NamespaceProperty).Category == K8sErrorCategory.NotFound;

    private static bool Started(V1Pod pod)
        => (pod.Status?.ContainerStatuses ?? []).Concat(pod.Status?.InitContainerStatuses ?? [])
            .Any(s => s.State?.Running is not null || s.State?.Terminated is not null);

    /// <summary>The status of a pod waiting for <paramref name="container"/>'s configuration.</summary>
    internal static V1PodStatus Status(V1Pod pod, string container, bool isInit, ContainerStartFailure failure, string hostIp, string? podIp, DateTime firstSeen)
    {
        var volume = failure.Reason == ContainerStartFailure.ContainerCreating;
        V1ContainerStatus Waiting(V1Container c, string reason, string? message) => new()
        {
            Name = c.Name,
            Image = c.Image,
            ImageID = "",
            Ready = false,
            Started = false,
            RestartCount = 0,
            State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = reason, Message = message } },
        };
        string ReasonFor(V1Container c) => volume ? ContainerStartFailure.ContainerCreating
            : c.Name == container ? failure.Reason
            : isInit ? "PodInitializing" : ContainerStartFailure.ContainerCreating;
        string? MessageFor(V1Container c) => !volume && c.Name == container ? failure.Message : null;

        var init = pod.Spec.InitContainers ?? [];
        var initStatuses = init.Select(c => isInit || volume
            ? Waiting(c, ReasonFor(c), MessageFor(c))
            : new V1ContainerStatus
            {
                // Held in a main container: the init containers have run.
                Name = c.Name,
                Image = c.Image,
                ImageID = PodStatusFactory.ImageId(c.Image),
                ContainerID = PodStatusFactory.ContainerId(pod, c.Name),
                Ready = true,
                RestartCount = 0,
                State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 0, Reason = "Completed", StartedAt = firstSeen, FinishedAt = firstSeen, ContainerID = PodStatusFactory.ContainerId(pod, c.Name) } },
            }).ToList();
        var statuses = pod.Spec.Containers.Select(c => isInit && !volume ? Waiting(c, "PodInitializing", null) : Waiting(c, ReasonFor(c), MessageFor(c))).ToList();

        var unready = $"containers with unready status: [{string.Join(' ', pod.Spec.Containers.Select(c => c.Name))}]";
        var conditions = new List<V1PodCondition>
        {
            new() { Type = "PodScheduled", Status = "True", LastTransitionTime = firstSeen },
            init.Count > 0 && (isInit || volume)
                ? new() { Type = "Initialized", Status = "False", Reason = "ContainersNotInitialized", Message = $"containers with incomplete status: [{string.Join(' ', init.Select(c => c.Name))}]", LastTransitionTime = firstSeen }
                : new() { Type = "Initialized", Status = "True", LastTransitionTime = firstSeen },
            new() { Type = "ContainersReady", Status = "False", Reason = "ContainersNotReady", Message = unready, LastTransitionTime = firstSeen },
            new() { Type = "Ready", Status = "False", Reason = "ContainersNotReady", Message = unready, LastTransitionTime = firstSeen },
        };
        var ip = volume ? null : podIp; // no sandbox, no IP, until the volumes are set up
        return new V1PodStatus
        {
            Phase = "Pending",
            HostIP = hostIp,
            PodIP = ip,
            PodIPs = ip is null ? null : [new V1PodIP { Ip = ip }],
            StartTime = firstSeen,
            Conditions = conditions,
            InitContainerStatuses = initStatuses.Count > 0 ? initStatuses : null,
            ContainerStatuses = statuses,
            QosClass = pod.Status?.QosClass,
        };
    }
}
