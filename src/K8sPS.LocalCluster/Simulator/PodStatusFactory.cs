using System.Security.Cryptography;
using System.Text;
using k8s.Models;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// The status a kubelet would report for a pod at a given moment of its <see cref="PodTimeline"/>,
/// following the kubelet's own rules (pkg/kubelet/status/generate.go, getPhase). Pure.
/// </summary>
public static class PodStatusFactory
{
    /// <summary>The scheme of our container IDs and of the runtime version nodes report.</summary>
    public const string RuntimeScheme = "k8sps-sim";

    /// <summary>The condition types this simulator writes; others (readiness gates, DisruptionTarget...) belong to someone else.</summary>
    public static readonly IReadOnlyList<string> OwnedConditions = new[] { "PodScheduled", "Initialized", "ContainersReady", "Ready" };

    /// <summary>The pod's status while it lives (not being deleted).</summary>
    public static V1PodStatus Living(V1Pod pod, PodTimeline timeline, DateTime now, string hostIp, string? podIp)
    {
        var spec = pod.Spec;
        var completed = timeline.CompletesAt is { } end && now >= end;
        var succeeded = completed && !timeline.Fails;
        var started = now >= timeline.ContainersStart;
        var phase = completed ? (timeline.Fails ? "Failed" : "Succeeded") : started ? "Running" : "Pending";

        var initStatuses = (spec.InitContainers ?? new List<V1Container>())
            .Select((c, i) => InitContainerStatus(pod, c, i, timeline, now)).ToList();
        var mainWaitingReason = initStatuses.Count > 0 ? "PodInitializing" : "ContainerCreating";
        var containerStatuses = spec.Containers
            .Select((c, i) => ContainerStatus(pod, c, i, timeline, now, completed, mainWaitingReason)).ToList();

        var conditions = new List<V1PodCondition>
        {
            Condition("PodScheduled", "True", null, null, timeline.FirstSeen),
            InitializedCondition(spec, initStatuses, succeeded, timeline),
        };
        conditions.AddRange(ReadinessConditions(pod, containerStatuses, succeeded, timeline, now, completed ? timeline.CompletesAt : null));

        var sandboxUp = now >= timeline.SandboxReady;
        return new V1PodStatus
        {
            Phase = phase,
            HostIP = hostIp,
            PodIP = sandboxUp ? podIp : null,
            PodIPs = sandboxUp && podIp is not null ? new List<V1PodIP> { new() { Ip = podIp } } : null,
            StartTime = timeline.FirstSeen,
            Conditions = conditions,
            InitContainerStatuses = initStatuses.Count > 0 ? initStatuses : null,
            ContainerStatuses = containerStatuses,
            QosClass = pod.Status?.QosClass,
        };
    }

    /// <summary>
    /// The status after the kubelet stopped a deleted pod's containers: all terminated, not ready; the
    /// phase as getPhase computes it for containers that all exited 0.
    /// </summary>
    public static V1PodStatus Stopped(V1Pod pod, DateTime stoppedAt)
    {
        var current = pod.Status ?? new V1PodStatus();
        var statuses = pod.Spec.Containers.Select(c =>
        {
            var previous = current.ContainerStatuses?.FirstOrDefault(s => s.Name == c.Name);
            var startedAt = previous?.State?.Running?.StartedAt ?? previous?.State?.Terminated?.StartedAt;
            V1ContainerState state;
            if (previous?.State?.Terminated is { } exited)
                state = new V1ContainerState { Terminated = exited };
            else if (startedAt is not null)
                state = new V1ContainerState
                {
                    Terminated = new V1ContainerStateTerminated
                    {
                        ExitCode = 0, Reason = "Completed", StartedAt = startedAt, FinishedAt = stoppedAt, ContainerID = previous?.ContainerID,
                    },
                };
            else
                // A container that never started stays waiting; the pod goes away all the same.
                state = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ContainerCreating" } };
            return new V1ContainerStatus
            {
                Name = c.Name,
                Image = c.Image,
                ImageID = previous?.ImageID ?? "",
                ContainerID = previous?.ContainerID,
                Ready = false,
                Started = false,
                RestartCount = previous?.RestartCount ?? 0,
                State = state,
            };
        }).ToList();

        var anyRan = statuses.Any(s => s.State.Terminated is not null);
        var phase = current.Phase is "Succeeded" or "Failed" ? current.Phase
            : !anyRan ? current.Phase ?? "Pending"
            : pod.Spec.RestartPolicy is "Never" or "OnFailure" ? "Succeeded" : "Running";
        var names = string.Join(' ', pod.Spec.Containers.Select(c => c.Name));
        var conditions = new List<V1PodCondition>
        {
            Condition("ContainersReady", "False", "ContainersNotReady", $"containers with unready status: [{names}]", stoppedAt),
            Condition("Ready", "False", "ContainersNotReady", $"containers with unready status: [{names}]", stoppedAt),
        };
        return new V1PodStatus
        {
            Phase = phase,
            HostIP = current.HostIP,
            PodIP = current.PodIP,
            PodIPs = current.PodIPs,
            StartTime = current.StartTime,
            Conditions = MergeConditions(current.Conditions, conditions),
            InitContainerStatuses = current.InitContainerStatuses,
            ContainerStatuses = statuses,
            QosClass = current.QosClass,
        };
    }

    public static string ContainerId(V1Pod pod, string containerName) =>
        $"{RuntimeScheme}://{Hex(pod.Metadata.Uid + "/" + containerName, 64)}";

    public static string ImageId(string? image) => $"{image}@sha256:{Hex(image ?? "", 64)}";

    private static V1ContainerStatus InitContainerStatus(V1Pod pod, V1Container container, int index, PodTimeline timeline, DateTime now)
    {
        var start = timeline.InitStarts[index];
        var end = timeline.InitEnds(index);
        var state = now < start
            ? new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "PodInitializing" } }
            : now < end
                ? new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = start } }
                : new V1ContainerState
                {
                    Terminated = new V1ContainerStateTerminated
                    {
                        ExitCode = 0, Reason = "Completed", StartedAt = start, FinishedAt = end, ContainerID = ContainerId(pod, container.Name),
                    },
                };
        return new V1ContainerStatus
        {
            Name = container.Name,
            Image = container.Image,
            ImageID = now >= start ? ImageId(container.Image) : "",
            ContainerID = now >= start ? ContainerId(pod, container.Name) : null,
            // The kubelet reports an init container ready once it exited 0.
            Ready = now >= end,
            RestartCount = 0,
            State = state,
        };
    }

    private static V1ContainerStatus ContainerStatus(V1Pod pod, V1Container container, int index, PodTimeline timeline, DateTime now, bool completed, string waitingReason)
    {
        var start = timeline.ContainersStart;
        V1ContainerState state;
        if (now < start)
            state = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = waitingReason } };
        else if (completed)
            state = new V1ContainerState
            {
                Terminated = new V1ContainerStateTerminated
                {
                    ExitCode = timeline.ExitCodes![index],
                    Reason = timeline.ExitCodes[index] == 0 ? "Completed" : "Error",
                    StartedAt = start,
                    FinishedAt = timeline.CompletesAt,
                    ContainerID = ContainerId(pod, container.Name),
                },
            };
        else
            state = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = start } };

        var running = state.Running is not null;
        return new V1ContainerStatus
        {
            Name = container.Name,
            Image = container.Image,
            ImageID = now >= start ? ImageId(container.Image) : "",
            ContainerID = now >= start ? ContainerId(pod, container.Name) : null,
            Ready = running && now >= timeline.ReadyAt[index],
            Started = running,
            RestartCount = 0,
            State = state,
        };
    }

    private static V1PodCondition InitializedCondition(V1PodSpec spec, List<V1ContainerStatus> initStatuses, bool succeeded, PodTimeline timeline)
    {
        var incomplete = initStatuses.Where(s => !s.Ready).Select(s => s.Name).ToList();
        if (succeeded) return Condition("Initialized", "True", "PodCompleted", null, timeline.ContainersStart);
        return incomplete.Count == 0
            ? Condition("Initialized", "True", null, null, timeline.InitStarts.Count == 0 ? timeline.FirstSeen : timeline.ContainersStart)
            : Condition("Initialized", "False", "ContainersNotInitialized", $"containers with incomplete status: [{string.Join(' ', incomplete)}]", timeline.FirstSeen);
    }

    private static IEnumerable<V1PodCondition> ReadinessConditions(V1Pod pod, List<V1ContainerStatus> statuses, bool succeeded, PodTimeline timeline, DateTime now, DateTime? exitedAt)
    {
        if (succeeded)
        {
            yield return Condition("ContainersReady", "False", "PodCompleted", null, timeline.CompletesAt!.Value);
            yield return Condition("Ready", "False", "PodCompleted", null, timeline.CompletesAt!.Value);
            yield break;
        }

        var unready = statuses.Where(s => !s.Ready).Select(s => s.Name).ToList();
        if (unready.Count > 0)
        {
            var message = $"containers with unready status: [{string.Join(' ', unready)}]";
            var since = exitedAt ?? timeline.FirstSeen;
            yield return Condition("ContainersReady", "False", "ContainersNotReady", message, since);
            yield return Condition("Ready", "False", "ContainersNotReady", message, since);
            yield break;
        }

        var readyAt = timeline.AllReadyAt;
        yield return Condition("ContainersReady", "True", null, null, readyAt);

        // Readiness gates: conditions someone else sets on the pod must be True as well.
        var gateProblems = new List<string>();
        foreach (var gate in pod.Spec.ReadinessGates ?? new List<V1PodReadinessGate>())
        {
            var condition = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == gate.ConditionType);
            if (condition is null)
                gateProblems.Add($"corresponding condition of pod readiness gate \"{gate.ConditionType}\" does not exist.");
            else if (condition.Status != "True")
                gateProblems.Add($"the status of pod readiness gate \"{gate.ConditionType}\" is not \"True\", but {condition.Status}");
        }
        yield return gateProblems.Count == 0
            ? Condition("Ready", "True", null, null, readyAt)
            : Condition("Ready", "False", "ReadinessGatesNotReady", string.Join(", ", gateProblems), now);
    }

    private static List<V1PodCondition> MergeConditions(IList<V1PodCondition>? current, List<V1PodCondition> updates)
    {
        var merged = (current ?? new List<V1PodCondition>()).Where(c => updates.All(u => u.Type != c.Type)).ToList();
        merged.AddRange(updates);
        return merged;
    }

    private static V1PodCondition Condition(string type, string status, string? reason, string? message, DateTime transition) => new()
    {
        Type = type, Status = status, Reason = reason, Message = message, LastTransitionTime = transition,
    };

    private static string Hex(string seed, int length) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(seed))).ToLowerInvariant()[..length];
}
