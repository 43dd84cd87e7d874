using k8s.Models;
using K8sPS.Engine.Waits;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// The whole simulated life of one container from the moment the kubelet first sets out to start it:
/// its image pull (or failing pulls with the kubelet's image back-off), its runs, probe failures,
/// exits and kills, and its restarts with the kubelet's crash back-off (10 s doubling to 5 min, reset
/// after 10 min of calm, all × <see cref="NodeSimulatorOptions.TimeScale"/>), as
/// pkg/kubelet/kuberuntime (doBackOff) and pkg/kubelet/images (EnsureImageExists) do them. Everything
/// is computed, nothing is driven by timers: runs are worked out as far as they are asked for.
/// Thread-safe (the kubelet endpoint reads logs while the pod worker computes status).
/// </summary>
public sealed class ContainerPlan
{
    private const int KilledExitCode = 137;

    private readonly object _gate = new();
    private readonly List<ContainerRun> _runs = new();
    private readonly NodeSimulatorOptions _options;
    private readonly string _podUid;
    private readonly string _podDescription;
    private readonly string _restartPolicy;
    // The kubelet's back-off entry for this container: current length and last update.
    private bool _hasBackOff;
    private TimeSpan _backOff;
    private DateTime _backOffUpdated;

    public ContainerPlan(ContainerBehaviour behaviour, DateTime attemptFrom, string podUid, string podDescription, string restartPolicy, NodeSimulatorOptions options)
    {
        Behaviour = behaviour;
        AttemptFrom = attemptFrom;
        _podUid = podUid;
        _podDescription = podDescription;
        // Init containers that fail are retried unless the pod never restarts anything.
        _restartPolicy = behaviour.IsInit ? (restartPolicy == "Never" ? "Never" : "OnFailure") : restartPolicy;
        _options = options;
        InitialBackOff = Scaled(TimeSpan.FromSeconds(10));
        MaxBackOff = Scaled(TimeSpan.FromMinutes(5));
        SyncInterval = Scaled(TimeSpan.FromSeconds(10));
    }

    public ContainerBehaviour Behaviour { get; }
    /// <summary>When the kubelet first tries to start this container (its pod's sandbox is up and init containers before it are done).</summary>
    public DateTime AttemptFrom { get; }
    public TimeSpan InitialBackOff { get; }
    public TimeSpan MaxBackOff { get; }
    /// <summary>How often the kubelet looks again at a pod in back-off (its pod worker's 10 s).</summary>
    public TimeSpan SyncInterval { get; }

    public bool RunsAtAll => Behaviour.Pull is not (ImagePullMode.Fails or ImagePullMode.NeverPullMissing);

    /// <summary>For an init container: when it completed (its first run exited 0), or null if it never does.</summary>
    public DateTime? CompletedAt
    {
        get
        {
            if (!RunsAtAll || Behaviour.ExitCode != 0) return null;
            var first = Runs(AttemptFrom)[0];
            return first.LivenessKill is null ? first.Ended : null;
        }
    }

    /// <summary>The runs begun at or before <paramref name="moment"/> (at least the first, when the container runs at all).</summary>
    public IReadOnlyList<ContainerRun> Runs(DateTime moment)
    {
        lock (_gate)
        {
            if (!RunsAtAll) return [];
            if (_runs.Count == 0) _runs.Add(Run(0, AttemptFrom));
            // The cap only guards against a pathological spec; a day of crash-looping is a few hundred runs.
            while (_runs[^1].RestartAt is { } next && next <= moment && _runs.Count < 100_000) _runs.Add(Run(_runs.Count, next));
            return _runs.Where(r => r.Begun <= moment || r.Number == 0).ToList();
        }
    }

    /// <summary>The container's status at <paramref name="now"/> (≥ <see cref="AttemptFrom"/>), and when its readiness last changed.</summary>
    public (V1ContainerStatus Status, DateTime ReadinessSince) StatusAt(DateTime now)
    {
        var b = Behaviour;
        var status = new V1ContainerStatus { Name = b.Name, Image = b.Image, ImageID = "", Ready = false, Started = false, RestartCount = 0 };
        if (b.Pull == ImagePullMode.NeverPullMissing)
        {
            status.State = Waiting("ErrImageNeverPull", NeverPullMessage);
            return (status, AttemptFrom);
        }
        if (b.Pull == ImagePullMode.Fails)
        {
            status.State = PullFailureState(now);
            return (status, AttemptFrom);
        }

        var runs = Runs(now);
        var run = runs[^1];
        var previous = runs.Count > 1 ? runs[^2] : null;
        if (now < run.Visible)
        {
            // Pulling, creating or in the postStart hook: the status still says what it said before.
            if (previous is null)
            {
                status.State = Waiting("ContainerCreating", null);
                return (status, AttemptFrom);
            }
            run = previous;
            previous = runs.Count > 2 ? runs[^3] : null;
        }

        status.ImageID = PodStatusFactory.ImageId(b.Image);
        status.RestartCount = run.Number;
        status.ContainerID = ContainerId(run.Number);
        var ended = run.Ended is { } end && now >= end;
        if (!ended)
        {
            status.State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = run.Started } };
            status.Started = true;
            status.Ready = run.IsReadyAt(now);
            status.LastState = previous is null ? null : new V1ContainerState { Terminated = Terminated(previous) };
            return (status, run.ReadinessChangedAt(now));
        }
        if (run.RestartAt is not null && run.BackedOff)
        {
            status.State = Waiting("CrashLoopBackOff",
                $"back-off {GoDuration.Format(run.BackOff)} restarting failed container={b.Name} pod={_podDescription}");
            status.LastState = new V1ContainerState { Terminated = Terminated(run) };
            return (status, run.Ended!.Value);
        }
        status.State = new V1ContainerState { Terminated = Terminated(run) };
        status.LastState = previous is null ? null : new V1ContainerState { Terminated = Terminated(previous) };
        return (status, run.Ended!.Value);
    }

    /// <summary>The next moment after <paramref name="now"/> at which <see cref="StatusAt"/> changes, if any.</summary>
    public DateTime? NextChangeAfter(DateTime now)
    {
        var moments = new List<DateTime>();
        if (AttemptFrom > now) moments.Add(AttemptFrom);
        if (Behaviour.Pull == ImagePullMode.Fails)
        {
            foreach (var (_, failedAt, nextAttempt) in PullAttempts(now + MaxBackOff + MaxBackOff))
            {
                moments.Add(failedAt);
                moments.Add(failedAt + SyncInterval);
                if (nextAttempt is { } n) moments.Add(n);
            }
        }
        else if (RunsAtAll)
        {
            var runs = Runs(now);
            foreach (var run in runs.Skip(Math.Max(0, runs.Count - 2)))
            {
                moments.AddRange(new[] { run.Visible, run.ReadyFrom, run.UnreadyFrom, run.ReadyAgainFrom, run.Ended, run.RestartAt }
                    .Where(m => m is not null).Select(m => m!.Value));
            }
            // The run that follows a pending restart shows up once it is visible.
            var last = runs[^1];
            if (last.RestartAt is { } restart && restart > now) moments.Add(restart + (Behaviour.PullsEveryStart ? _options.ImagePullDuration : TimeSpan.Zero) + Behaviour.PostStart);
        }
        var next = moments.Where(m => m > now).DefaultIfEmpty(DateTime.MaxValue).Min();
        return next == DateTime.MaxValue ? null : next;
    }

    /// <summary>True while the container is in a state whose events keep repeating (back-off, failing probes, failing pulls).</summary>
    public bool RepeatsEventsAt(DateTime now)
    {
        if (!RunsAtAll) return now >= AttemptFrom;
        var run = Runs(now)[^1];
        if (run.Ended is { } end && now >= end) return run.BackedOff && run.RestartAt > now;
        return run.ReadinessFailFrom is { } from && now >= Behaviour.Readiness!.Try(run.Started, from)
            && (run.ReadinessFailUntil is not { } until || now < Behaviour.Readiness.Try(run.Started, until));
    }

    /// <summary>Every event the kubelet records for this container up to <paramref name="horizon"/>, as series.</summary>
    public IEnumerable<EventSeries> Events(DateTime horizon)
    {
        var b = Behaviour;
        var path = b.FieldPath;
        var slot = (b.IsInit ? 0 : 64) + b.Index;
        EventKey Key(int kind, string type, string reason, string message) => new(type, reason, message, path, kind * 256 + slot);
        var quotedImage = $"\"{b.Image}\"";

        if (b.Pull == ImagePullMode.NeverPullMissing)
        {
            yield return new EventSeries(Key(1, "Warning", "ErrImageNeverPull", NeverPullMessage), AttemptFrom, SyncInterval, long.MaxValue);
            yield return new EventSeries(Key(2, "Warning", "Failed", "Error: ErrImageNeverPull"), AttemptFrom, SyncInterval, long.MaxValue);
            yield break;
        }
        if (b.Pull == ImagePullMode.Fails)
        {
            foreach (var (attempt, failedAt, nextAttempt) in PullAttempts(horizon))
            {
                yield return EventSeries.Once(Key(1, "Normal", "Pulling", $"Pulling image {quotedImage}"), attempt);
                yield return EventSeries.Once(Key(2, "Warning", "Failed", $"Failed to pull image {quotedImage}: {PullError}"), failedAt);
                yield return EventSeries.Once(Key(3, "Warning", "Failed", "Error: ErrImagePull"), failedAt);
                var ticks = nextAttempt is { } n ? Math.Max(0, (long)Math.Ceiling((n - failedAt).Ticks / (double)SyncInterval.Ticks) - 1) : long.MaxValue;
                if (ticks > 0)
                {
                    yield return new EventSeries(Key(4, "Normal", "BackOff", $"Back-off pulling image {quotedImage}"), failedAt + SyncInterval, SyncInterval, ticks);
                    yield return new EventSeries(Key(5, "Warning", "Failed", "Error: ImagePullBackOff"), failedAt + SyncInterval, SyncInterval, ticks);
                }
            }
            yield break;
        }

        foreach (var run in Runs(horizon))
        {
            if (run.Pulls)
            {
                yield return EventSeries.Once(Key(1, "Normal", "Pulling", $"Pulling image {quotedImage}"), run.Begun);
                yield return EventSeries.Once(Key(2, "Normal", "Pulled", $"Successfully pulled image {quotedImage} in {GoDuration.Format(run.Started - run.Begun)}"), run.Started);
            }
            else
            {
                yield return EventSeries.Once(Key(2, "Normal", "Pulled", $"Container image {quotedImage} already present on machine"), run.Started);
            }
            yield return EventSeries.Once(Key(3, "Normal", "Created", $"Created container {b.Name}"), run.Started);
            yield return EventSeries.Once(Key(4, "Normal", "Started", $"Started container {b.Name}"), run.Started);

            if (run.ReadinessFailFrom is { } failFrom && b.Readiness is { } readiness)
            {
                var endTry = run.Ended is { } end ? readiness.FirstTryAtOrAfter(run.Started, end) : long.MaxValue;
                var untilTry = Math.Min(run.ReadinessFailUntil ?? long.MaxValue, endTry);
                if (untilTry > failFrom)
                    yield return new EventSeries(Key(5, "Warning", "Unhealthy", $"Readiness probe failed: {readiness.FailureMessage}"),
                        readiness.Try(run.Started, failFrom), readiness.Period, untilTry == long.MaxValue ? long.MaxValue : untilTry - failFrom);
            }
            if (run.LivenessKill is { } kill && b.Liveness is { } liveness)
            {
                yield return new EventSeries(Key(6, "Warning", "Unhealthy", $"Liveness probe failed: {liveness.FailureMessage}"),
                    liveness.Try(run.Started, run.LivenessFirstFailure), liveness.Period, liveness.FailureThreshold);
                var restarts = _restartPolicy != "Never";
                yield return EventSeries.Once(Key(7, "Normal", "Killing",
                    $"Container {b.Name} failed liveness probe{(restarts ? ", will be restarted" : "")}"), kill);
            }
            if (run.BackedOff && run.Ended is { } ended && run.RestartAt is { } restartAt)
            {
                var ticks = Math.Max(1, (long)Math.Ceiling((restartAt - ended).Ticks / (double)SyncInterval.Ticks));
                yield return new EventSeries(Key(8, "Warning", "BackOff", "Back-off restarting failed container"), ended, SyncInterval, ticks);
            }
        }
    }

    /// <summary>What the container writes to its log in <paramref name="run"/>, up to <paramref name="horizon"/>, in order.</summary>
    public IEnumerable<(DateTime At, string Line)> LogOf(ContainerRun run, string nodeName, DateTime horizon)
    {
        var b = Behaviour;
        var end = run.Ended is { } e && e < horizon ? e : horizon;
        var lines = new List<(DateTime, string)>();
        void Add(DateTime at, string line) { if (at <= end) lines.Add((at, line)); }

        Add(run.Started, $"[k8sps-sim] container {b.Name} started from image {b.Image} on node {nodeName} (restart {run.Number})");
        foreach (var echo in b.Echoes) Add(run.Started, echo);
        if (b.LogLines.Count > 0)
        {
            var at = run.Started;
            var limit = 100_000;
            do
            {
                foreach (var line in b.LogLines) Add(at, line);
                if (b.LogEvery is not { } every) break;
                at += every;
            }
            while (at <= end && --limit > 0);
        }
        if (run.ReadinessFailFrom is not null && b.ReadinessFailsAfter is { } rf)
        {
            Add(run.Started + rf, $"[k8sps-sim] readiness probe fails from now on ({SimAnnotations.ReadinessFailsAfter})");
            if (b.ReadinessFailsFor is { } rd) Add(run.Started + rf + rd, "[k8sps-sim] readiness probe passes again");
        }
        if (run.LivenessKill is { } kill)
        {
            Add(run.Started + b.LivenessFailsAfter!.Value, $"[k8sps-sim] liveness probe fails from now on ({SimAnnotations.LivenessFailsAfter})");
            Add(kill, "[k8sps-sim] received SIGTERM: the kubelet kills the container, its liveness probe failed");
        }
        if (run.Ended is { } ended && ended <= horizon)
            Add(ended, $"[k8sps-sim] container {b.Name} exited with code {run.ExitCode}");
        return lines.OrderBy(l => l.Item1);
    }

    public string ContainerId(int run) =>
        PodStatusFactory.ContainerId(_podUid, Behaviour.Name, run);

    public V1ContainerStateTerminated Terminated(ContainerRun run) => new()
    {
        ExitCode = run.ExitCode,
        Reason = run.Reason,
        StartedAt = run.Started,
        FinishedAt = run.Ended,
        ContainerID = ContainerId(run.Number),
    };

    private string NeverPullMessage => $"Container image \"{Behaviour.Image}\" is not present with pull policy of Never";

    /// <summary>The error a CRI runtime (containerd) returns for the pull, with the image's full reference.</summary>
    public string PullError
    {
        get
        {
            var full = ImageCatalog.Normalize(Behaviour.Image ?? "");
            return Behaviour.PullFailure == ImagePullFailure.Denied
                ? $"rpc error: code = Unknown desc = failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"
                : $"rpc error: code = NotFound desc = failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": {full}: not found";
        }
    }

    /// <summary>
    /// Pull attempts of an image that cannot be pulled, up to <paramref name="horizon"/>: each fails after
    /// the pull time, and the next one comes after the image back-off (10 s doubling to 5 min).
    /// </summary>
    private IEnumerable<(DateTime Attempt, DateTime FailedAt, DateTime? NextAttempt)> PullAttempts(DateTime horizon)
    {
        var attempt = AttemptFrom;
        var backOff = InitialBackOff;
        while (attempt <= horizon)
        {
            var failed = attempt + Behaviour.PullDuration;
            var next = failed + backOff;
            yield return (attempt, failed, next);
            attempt = next;
            backOff = Min(backOff + backOff, MaxBackOff);
        }
    }

    private V1ContainerState PullFailureState(DateTime now)
    {
        DateTime? lastFailure = null;
        foreach (var (_, failedAt, _) in PullAttempts(now))
            if (failedAt <= now) lastFailure = failedAt;
        if (lastFailure is null) return Waiting("ContainerCreating", null);
        return now - lastFailure.Value < SyncInterval
            ? Waiting("ErrImagePull", PullError)
            : Waiting("ImagePullBackOff", $"Back-off pulling image \"{Behaviour.Image}\"");
    }

    /// <summary>Run <paramref name="number"/>, begun at <paramref name="begun"/>; updates the back-off entry as the kubelet would at its end.</summary>
    private ContainerRun Run(int number, DateTime begun)
    {
        var b = Behaviour;
        var pulls = b.Pull == ImagePullMode.Pull && (number == 0 || b.PullsEveryStart);
        var started = begun + (pulls ? (number == 0 ? b.PullDuration : _options.ImagePullDuration) : TimeSpan.Zero);
        var visible = started + b.PostStart;

        DateTime? ended = null;
        var exitCode = b.ExitCode ?? 0;
        if (b.ExitCode is not null) ended = Max(started + b.RunFor, visible);

        // Liveness: the probe fails from failsAfter on; the kubelet kills at the failureThreshold-th failing try.
        DateTime? kill = null;
        long firstFailure = 0;
        if (b.Liveness is { } liveness && b.LivenessFailsAfter is { } failsAfter)
        {
            firstFailure = liveness.FirstTryAtOrAfter(started, started + failsAfter);
            var decided = liveness.Try(started, firstFailure + liveness.FailureThreshold - 1);
            if (ended is null || decided < ended)
            {
                kill = decided;
                ended = decided + b.PreStop + _options.ContainerStopDuration;
                exitCode = KilledExitCode;
            }
        }

        // Readiness.
        DateTime? readyFrom = visible, unreadyFrom = null, readyAgainFrom = null;
        long? failFrom = null, failUntil = null;
        if (b.Readiness is { } readiness)
        {
            readyFrom = Max(visible, readiness.Try(started, readiness.SuccessThreshold - 1));
            if (b.ReadinessFailsAfter is { } rf)
            {
                var nf = readiness.FirstTryAtOrAfter(started, started + rf);
                failFrom = nf;
                if (nf <= readiness.SuccessThreshold - 1) readyFrom = null;
                else unreadyFrom = readiness.Try(started, nf + readiness.FailureThreshold - 1);
                if (b.ReadinessFailsFor is { } rd)
                {
                    var nr = readiness.FirstTryAtOrAfter(started, started + rf + rd);
                    failUntil = nr;
                    var again = Max(visible, readiness.Try(started, nr + readiness.SuccessThreshold - 1));
                    if (unreadyFrom is { } u && again <= u) unreadyFrom = null;
                    else readyAgainFrom = again;
                }
            }
        }

        // What comes after: the restart policy, then the kubelet's back-off.
        DateTime? restartAt = null;
        var backedOff = false;
        var backOffLength = TimeSpan.Zero;
        if (ended is { } end && (_restartPolicy == "Always" || (_restartPolicy == "OnFailure" && exitCode != 0)))
        {
            if (kill is not null)
            {
                // Killed and started again in the same sync: the back-off is checked against the run before.
                if (number == 0) restartAt = end;
                else
                {
                    var previousEnd = _runs[number - 1].Ended!.Value;
                    if (_hasBackOff && !Expired(previousEnd) && end - previousEnd < _backOff && !Expired(end))
                        (restartAt, backedOff, backOffLength) = WaitOutBackOff(end);
                    else
                    {
                        NextBackOff(previousEnd, end);
                        restartAt = end;
                    }
                }
            }
            else if (_hasBackOff && !Expired(end))
                (restartAt, backedOff, backOffLength) = WaitOutBackOff(end);
            else
            {
                NextBackOff(end, end);
                restartAt = end;
            }
        }

        return new ContainerRun
        {
            Number = number,
            Begun = begun,
            Pulls = pulls,
            Started = started,
            Visible = visible,
            Ended = ended,
            ExitCode = exitCode,
            LivenessKill = kill,
            LivenessFirstFailure = firstFailure,
            ReadyFrom = readyFrom,
            UnreadyFrom = unreadyFrom,
            ReadyAgainFrom = readyAgainFrom,
            ReadinessFailFrom = failFrom,
            ReadinessFailUntil = failUntil,
            RestartAt = restartAt,
            BackedOff = backedOff,
            BackOff = backOffLength,
        };
    }

    /// <summary>In back-off at <paramref name="end"/>: the restart waits its length, then the entry doubles (client-go flowcontrol.Backoff).</summary>
    private (DateTime, bool, TimeSpan) WaitOutBackOff(DateTime end)
    {
        var wait = _backOff;
        var restart = end + wait;
        NextBackOff(end, restart);
        return (restart, true, wait);
    }

    /// <summary>flowcontrol.Backoff.Next: a fresh entry (or one calm for 2 × max) starts at 10 s, else doubles up to 5 min.</summary>
    private void NextBackOff(DateTime eventTime, DateTime now)
    {
        _backOff = !_hasBackOff || Expired(eventTime) ? InitialBackOff : Min(_backOff + _backOff, MaxBackOff);
        _hasBackOff = true;
        _backOffUpdated = now;
    }

    private bool Expired(DateTime eventTime) => eventTime - _backOffUpdated > MaxBackOff + MaxBackOff;

    private TimeSpan Scaled(TimeSpan podTime) => TimeSpan.FromTicks((long)(podTime.Ticks * _options.TimeScale));

    private static V1ContainerState Waiting(string reason, string? message) =>
        new() { Waiting = new V1ContainerStateWaiting { Reason = reason, Message = message } };

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
