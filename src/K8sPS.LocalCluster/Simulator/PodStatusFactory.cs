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
        var initStatuses = timeline.InitContainers.Select(plan =>
        {
            if (plan.AttemptFrom > now) return (NotStarted(plan, "PodInitializing"), timeline.FirstSeen);
            var (status, since) = plan.StatusAt(now);
            // The kubelet reports an init container ready once it exited 0.
            status.Ready = status.State?.Terminated?.ExitCode == 0;
            status.Started = null;
            return (status, since);
        }).ToList();
        var mainWaitingReason = initStatuses.Count > 0 ? "PodInitializing" : "ContainerCreating";
        var containerStatuses = timeline.Containers.Select(plan =>
        {
            if (plan.AttemptFrom > now) return (NotStarted(plan, mainWaitingReason), timeline.FirstSeen);
            var (status, since) = plan.StatusAt(now);
            return (status, Started(status) ? since : timeline.FirstSeen);
        }).ToList();

        var inits = initStatuses.Select(s => s.Item1).ToList();
        var mains = containerStatuses.Select(s => s.Item1).ToList();
        var phase = PodPhase.Of(spec, inits, mains);
        var succeeded = phase == "Succeeded";
        var conditions = new List<V1PodCondition>
        {
            Condition("PodScheduled", "True", null, null, timeline.FirstSeen),
            InitializedCondition(inits, succeeded, timeline),
        };
        conditions.AddRange(ReadinessConditions(pod, containerStatuses, succeeded, now));

        var sandboxUp = now >= timeline.SandboxReady;
        return new V1PodStatus
        {
            Phase = phase,
            HostIP = hostIp,
            PodIP = sandboxUp ? podIp : null,
            PodIPs = sandboxUp && podIp is not null ? new List<V1PodIP> { new() { Ip = podIp } } : null,
            StartTime = timeline.FirstSeen,
            Conditions = conditions,
            InitContainerStatuses = inits.Count > 0 ? inits : null,
            ContainerStatuses = mains,
            QosClass = pod.Status?.QosClass,
        };
    }

    private static V1ContainerStatus NotStarted(ContainerPlan plan, string reason) => new()
    {
        Name = plan.Behaviour.Name,
        Image = plan.Behaviour.Image,
        ImageID = "",
        Ready = false,
        Started = plan.Behaviour.IsInit ? null : false,
        RestartCount = 0,
        State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = reason } },
    };

    private static bool Started(V1ContainerStatus s) =>
        s.State?.Running is not null || s.State?.Terminated is not null || s.LastState?.Terminated is not null;

    /// <summary>
    /// The status after the kubelet stopped a deleted pod's containers: all terminated, not ready, with
    /// <paramref name="exitCode"/> (0 for a clean stop; 137 when the grace period ran out first); the
    /// phase as getPhase computes it.
    /// </summary>
    public static V1PodStatus Stopped(V1Pod pod, DateTime stoppedAt, int exitCode = 0)
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
                        ExitCode = exitCode, Reason = exitCode == 0 ? "Completed" : "Error", StartedAt = startedAt, FinishedAt = stoppedAt, ContainerID = previous?.ContainerID,
                    },
                };
            else
                // A container that never started (or waits to restart) stays waiting; the pod goes away all the same.
                state = new V1ContainerState { Waiting = previous?.State?.Waiting ?? new V1ContainerStateWaiting { Reason = "ContainerCreating" } };
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
                LastState = previous?.LastState,
            };
        }).ToList();

        var anyRan = statuses.Any(s => s.State.Terminated is not null);
        var phase = current.Phase is "Succeeded" or "Failed" ? current.Phase
            : !anyRan ? current.Phase ?? "Pending"
            : PodPhase.Of(pod.Spec, current.InitContainerStatuses, statuses);
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

    public static string ContainerId(V1Pod pod, string containerName) => ContainerId(pod.Metadata.Uid, containerName, 0);

    /// <summary>The runtime's ID of run <paramref name="run"/> of a container: a new one for every restart.</summary>
    public static string ContainerId(string podUid, string containerName, int run) =>
        $"{RuntimeScheme}://{Hex(podUid + "/" + containerName + (run == 0 ? "" : "/" + run.ToString(System.Globalization.CultureInfo.InvariantCulture)), 64)}";

    public static string ImageId(string? image) => $"{image}@sha256:{Hex(image ?? "", 64)}";

    private static V1PodCondition InitializedCondition(List<V1ContainerStatus> initStatuses, bool succeeded, PodTimeline timeline)
    {
        var incomplete = initStatuses.Where(s => !s.Ready).Select(s => s.Name).ToList();
        var initializedAt = timeline.InitContainers.Count == 0 ? timeline.FirstSeen : timeline.ContainersStart ?? timeline.FirstSeen;
        if (succeeded) return Condition("Initialized", "True", "PodCompleted", null, initializedAt);
        return incomplete.Count == 0
            ? Condition("Initialized", "True", null, null, initializedAt)
            : Condition("Initialized", "False", "ContainersNotInitialized", $"containers with incomplete status: [{string.Join(' ', incomplete)}]", timeline.FirstSeen);
    }

    private static IEnumerable<V1PodCondition> ReadinessConditions(V1Pod pod, List<(V1ContainerStatus Status, DateTime Since)> statuses, bool succeeded, DateTime now)
    {
        if (succeeded)
        {
            var done = statuses.Select(s => s.Status.State?.Terminated?.FinishedAt ?? s.Since).DefaultIfEmpty(now).Max();
            yield return Condition("ContainersReady", "False", "PodCompleted", null, done);
            yield return Condition("Ready", "False", "PodCompleted", null, done);
            yield break;
        }

        var unready = statuses.Where(s => !s.Status.Ready).ToList();
        if (unready.Count > 0)
        {
            var message = $"containers with unready status: [{string.Join(' ', unready.Select(s => s.Status.Name))}]";
            var since = unready.Max(s => s.Since);
            yield return Condition("ContainersReady", "False", "ContainersNotReady", message, since);
            yield return Condition("Ready", "False", "ContainersNotReady", message, since);
            yield break;
        }

        var readyAt = statuses.Select(s => s.Since).DefaultIfEmpty(now).Max();
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
