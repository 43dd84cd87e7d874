namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// One run of a container (restartCount = <see cref="Number"/> while it runs), from the moment the
/// kubelet sets out to start it to the start of the next one, every moment computed beforehand.
/// </summary>
public sealed record ContainerRun
{
    public required int Number { get; init; }
    /// <summary>When the kubelet began to start this run (pulling first, if it pulls).</summary>
    public required DateTime Begun { get; init; }
    public required bool Pulls { get; init; }
    /// <summary>The runtime's startedAt: created and started.</summary>
    public required DateTime Started { get; init; }
    /// <summary>When the status first shows it running: after the postStart hook.</summary>
    public required DateTime Visible { get; init; }
    /// <summary>When it exited or was killed (finishedAt), or null for a run that lasts until the pod is deleted.</summary>
    public DateTime? Ended { get; init; }
    public int ExitCode { get; init; }
    /// <summary>When the kubelet decided to kill it because its liveness probe failed.</summary>
    public DateTime? LivenessKill { get; init; }
    /// <summary>The first failing liveness try (index), for the Unhealthy events.</summary>
    public long LivenessFirstFailure { get; init; }

    /// <summary>Spans of readiness: ready in [ReadyFrom, UnreadyFrom) and again from ReadyAgainFrom, within the run.</summary>
    public DateTime? ReadyFrom { get; init; }
    public DateTime? UnreadyFrom { get; init; }
    public DateTime? ReadyAgainFrom { get; init; }
    /// <summary>Failing readiness tries: from index ReadinessFailFrom to ReadinessFailUntil (exclusive; null = on).</summary>
    public long? ReadinessFailFrom { get; init; }
    public long? ReadinessFailUntil { get; init; }

    /// <summary>When the next run begins (null: none, the container stays terminated).</summary>
    public DateTime? RestartAt { get; init; }
    /// <summary>The restart waited out the kubelet's back-off (CrashLoopBackOff meanwhile) of <see cref="BackOff"/>.</summary>
    public bool BackedOff { get; init; }
    public TimeSpan BackOff { get; init; }

    public string Reason => ExitCode == 0 ? "Completed" : "Error";

    public bool IsReadyAt(DateTime moment)
    {
        if (moment < Visible || (Ended is { } end && moment >= end)) return false;
        if (ReadyFrom is { } from && moment >= from && (UnreadyFrom is not { } until || moment < until)) return true;
        return ReadyAgainFrom is { } again && moment >= again;
    }

    /// <summary>When readiness last changed at or before <paramref name="moment"/> (the run's visible moment if never).</summary>
    public DateTime ReadinessChangedAt(DateTime moment)
    {
        var changes = new[] { Visible, ReadyFrom, UnreadyFrom, ReadyAgainFrom, Ended }
            .Where(c => c is { } t && t <= moment).Select(c => c!.Value);
        return changes.DefaultIfEmpty(Visible).Max();
    }
}
