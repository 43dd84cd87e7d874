using System.Text;
using k8s.Models;

namespace K8sPS.LocalCluster.Metrics;

/// <summary>
/// Usage as the metrics API reports it for simulated pods and nodes. Pure: a pod, the time, nothing else.
/// A container without annotations looks idle (1–3m CPU, 4–8 MiB), with a jitter that is the same for
/// the same container and 10-second slot, so two reads close together agree and a test can repeat a run.
/// Annotated values are reported exactly.
/// </summary>
internal static class SimulatedUsage
{
    /// <summary>The jitter of idle values changes once per slot.</summary>
    public static readonly TimeSpan JitterSlot = TimeSpan.FromSeconds(10);

    public const long IdleCpuMinNanoCores = 1_000_000;      // 1m
    public const long IdleCpuSpanNanoCores = 2_000_000;     // up to 3m
    public const long IdleMemoryMinBytes = 4L << 20;        // 4 MiB
    public const long IdleMemorySpanBytes = 4L << 20;       // up to 8 MiB

    // A node's own share (kubelet, runtime, system daemons): small beside 4 CPUs and 8 GiB.
    public const long NodeBaseCpuNanoCores = 40_000_000;    // 40m
    public const long NodeBaseCpuSpanNanoCores = 10_000_000;
    public const long NodeBaseMemoryBytes = 180L << 20;     // 180 MiB
    public const long NodeBaseMemorySpanBytes = 16L << 20;

    private const long PageBytes = 4096;

    /// <summary>
    /// The usage of each running container of <paramref name="pod"/> at <paramref name="now"/>, in the order of
    /// spec.containers; null when the pod has none to report (not Running, no running container), as metrics-server.
    /// <paramref name="problem"/> hears of annotations that could not be read (their container then looks idle).
    /// </summary>
    public static IReadOnlyList<ContainerUsage>? ForPod(V1Pod pod, DateTimeOffset now, Action<string>? problem = null)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod.Status?.Phase != "Running" || pod.Spec?.Containers is null) return null;
        var statuses = pod.Status.ContainerStatuses ?? [];
        var annotations = pod.Metadata?.Annotations ?? new Dictionary<string, string>();
        var result = new List<ContainerUsage>();
        foreach (var container in pod.Spec.Containers)
        {
            var status = statuses.FirstOrDefault(s => s.Name == container.Name);
            if (status?.State?.Running is not { } running) continue;
            var started = running.StartedAt ?? pod.Status.StartTime;
            var sinceStart = started is { } s ? now - new DateTimeOffset(s.ToUniversalTime()) : TimeSpan.Zero;
            if (sinceStart < TimeSpan.Zero) sinceStart = TimeSpan.Zero;
            var seed = $"{pod.Metadata?.Uid}/{container.Name}/{Slot(now)}";
            var cpu = Annotated(annotations, UsageResource.Cpu, container.Name, sinceStart, problem, pod)
                ?? IdleCpuMinNanoCores + Jitter(seed + "/cpu", IdleCpuSpanNanoCores);
            var memory = Annotated(annotations, UsageResource.Memory, container.Name, sinceStart, problem, pod)
                ?? IdleMemoryMinBytes + Jitter(seed + "/memory", IdleMemorySpanBytes / PageBytes) * PageBytes;
            result.Add(new ContainerUsage(container.Name, cpu, memory));
        }
        return result.Count == 0 ? null : result;
    }

    /// <summary>A node's usage: its own small base plus the sum over its pods' containers.</summary>
    public static (long NanoCores, long MemoryBytes) ForNode(string nodeName, IEnumerable<IReadOnlyList<ContainerUsage>> pods, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pods);
        var seed = $"node/{nodeName}/{Slot(now)}";
        var cpu = NodeBaseCpuNanoCores + Jitter(seed + "/cpu", NodeBaseCpuSpanNanoCores);
        var memory = NodeBaseMemoryBytes + Jitter(seed + "/memory", NodeBaseMemorySpanBytes / PageBytes) * PageBytes;
        foreach (var containers in pods)
        {
            foreach (var c in containers)
            {
                cpu += c.NanoCores;
                memory += c.MemoryBytes;
            }
        }
        return (cpu, memory);
    }

    private static long? Annotated(IDictionary<string, string> annotations, UsageResource resource, string container,
        TimeSpan sinceStart, Action<string>? problem, V1Pod pod)
    {
        foreach (var key in new[] { UsageAnnotations.For(resource, container), UsageAnnotations.For(resource) })
        {
            if (!annotations.TryGetValue(key, out var text)) continue;
            if (UsageCurve.TryParse(text, resource, out var curve, out var error)) return curve!.ValueAt(sinceStart);
            problem?.Invoke($"pod {pod.Metadata?.NamespaceProperty}/{pod.Metadata?.Name}: annotation {key}={text}: {error}; container {container} looks idle instead");
            return null;
        }
        return null;
    }

    private static long Slot(DateTimeOffset now) => now.ToUnixTimeMilliseconds() / (long)JitterSlot.TotalMilliseconds;

    /// <summary>0 ≤ result &lt; <paramref name="span"/>, the same for the same seed (FNV-1a: stable across runs and platforms).</summary>
    internal static long Jitter(string seed, long span)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(seed))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return (long)(hash % (ulong)span);
    }
}
