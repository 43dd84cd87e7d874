using System.Diagnostics;
using K8sPS.Engine.LocalCluster;

namespace K8sPS.LocalCluster.Supervisor;

/// <summary>What to run for one control-plane component and how to tell it is healthy.</summary>
internal sealed record ComponentSpec(string Name, string Executable, IReadOnlyList<string> Arguments, Uri HealthUrl, HttpClient HealthClient);

/// <summary>
/// One supervised process: started with its output appended to logs/&lt;name&gt;.log, restarted when it
/// dies (with backoff), stopped with SIGTERM then SIGKILL.
/// </summary>
internal sealed class ComponentProcess(ComponentSpec spec, string logsDir, Action<string> log) : IAsyncDisposable
{
    private Process? _process;
    private Task _pumps = Task.CompletedTask;
    private FileStream? _logFile;
    private readonly SemaphoreSlim _logLock = new(1, 1);
    private DateTimeOffset _nextRestart;
    private bool _stopped;
    private DateTimeOffset? _continueAt;

    public ComponentSpec Spec => spec;
    public ComponentState State { get; } = new() { Name = spec.Name, Executable = spec.Executable };
    public bool HasExited => _process is null || _process.HasExited;

    public void Start()
    {
        _logFile ??= OpenLog();
        var info = new ProcessStartInfo(spec.Executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in spec.Arguments) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {spec.Executable}");
        process.StandardInput.Close();
        _process = process;
        _stopped = false;
        _pumps = Task.WhenAll(Pump(process.StandardOutput.BaseStream), Pump(process.StandardError.BaseStream));
        State.Pid = process.Id;
        State.StartedAt = DateTimeOffset.UtcNow;
        State.Health = "Starting";
        State.Fault = null;
        _continueAt = null;
        log($"{spec.Name} started, pid {process.Id}");
    }

    /// <summary>Restarts the process if it died: at once the first time, then with growing pauses so a crash loop does not eat the CPU.</summary>
    public bool RestartIfExited()
    {
        if (!HasExited || _stopped || DateTimeOffset.UtcNow < _nextRestart) return false;
        var code = _process?.ExitCode;
        State.LastError = $"exited with code {code} at {DateTimeOffset.UtcNow:O}";
        State.Health = "Restarting";
        log($"{spec.Name} exited with code {code}; restarting (restart {State.Restarts + 1})");
        State.Restarts++;
        var pause = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(State.Restarts, 5)) / 2));
        _nextRestart = DateTimeOffset.UtcNow + pause;
        _process?.Dispose();
        _process = null;
        try
        {
            Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            // The binary went away or cannot run: keep the cluster up and try again after the pause.
            State.Health = "Down";
            State.LastError = $"could not restart: {e.Message}";
            log($"{spec.Name} could not be restarted: {e.Message}");
        }
        return true;
    }

    /// <summary>One GET of the health URL: true on 200 with body "ok" (etcd: "health":"true").</summary>
    public async Task<bool> ProbeAsync(CancellationToken ct)
    {
        if (HasExited) { State.Health = "Down"; return false; }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var response = await spec.HealthClient.GetAsync(spec.HealthUrl, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            var healthy = response.IsSuccessStatusCode && (body.Trim() == "ok" || body.Contains("\"health\":\"true\"", StringComparison.Ordinal));
            State.Health = healthy ? "Healthy" : State.Health == "Starting" ? "Starting" : "Unhealthy";
            return healthy;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            State.Health = State.Health == "Starting" ? "Starting" : "Unhealthy";
            return false;
        }
    }

    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!await ProbeAsync(ct).ConfigureAwait(false))
        {
            if (HasExited)
                throw new ComponentFailedException(spec.Name, $"{spec.Name} exited with code {_process?.ExitCode} while starting: {LogTail()}");
            if (DateTimeOffset.UtcNow > deadline)
                throw new ComponentFailedException(spec.Name, $"{spec.Name} was not healthy after {timeout.TotalSeconds:0} s: {LogTail()}");
            await Task.Delay(200, ct).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(TimeSpan grace)
    {
        var process = _process;
        if (process is null || _stopped) return;
        _stopped = true;
        if (!process.HasExited)
        {
            ProcessTools.Signal(process.Id, ProcessTools.SigTerm);
            // A process stopped by a fault holds SIGTERM until continued: continue it so it can act on it.
            ProcessTools.Signal(process.Id, ProcessTools.SigCont);
            using var cts = new CancellationTokenSource(grace);
            try { await process.WaitForExitAsync(cts.Token).ConfigureAwait(false); }
            catch (OperationCanceledException)
            {
                log($"{spec.Name} did not stop within {grace.TotalSeconds:0} s: killed");
                process.Kill();
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        await _pumps.ConfigureAwait(false);
        State.Health = "Stopped";
        State.Pid = 0;
        log($"{spec.Name} stopped");
    }

    /// <summary>
    /// Fault injection: SIGKILL, as a crash; <see cref="RestartIfExited"/> restarts it on the supervisor's next turn
    /// (counted as a restart), no sooner than after <paramref name="holdOff"/> when given. Returns the pid killed.
    /// </summary>
    public int Kill(TimeSpan? holdOff)
    {
        var process = RunningProcess("kill");
        var pid = process.Id;
        ProcessTools.Signal(pid, ProcessTools.SigKill);
        if (!process.WaitForExit(10_000)) throw new InvalidOperationException($"{spec.Name} (pid {pid}) did not die of SIGKILL within 10 s");
        if (holdOff is { } h && DateTimeOffset.UtcNow + h > _nextRestart) _nextRestart = DateTimeOffset.UtcNow + h;
        _continueAt = null;
        State.Fault = holdOff is null ? "Killed" : $"Killed, restarted after {_nextRestart:O}";
        State.Health = "Down";
        log($"fault: {spec.Name} (pid {pid}) killed with SIGKILL{(holdOff is null ? "" : $", restart held off until {_nextRestart:O}")}");
        return pid;
    }

    /// <summary>Fault injection: SIGSTOP (a stalled server), continued after <paramref name="duration"/> when given. Returns the pid stopped.</summary>
    public int Pause(TimeSpan? duration)
    {
        var pid = RunningProcess("stop").Id;
        ProcessTools.Signal(pid, ProcessTools.SigStop);
        _continueAt = duration is { } d ? DateTimeOffset.UtcNow + d : null;
        State.Fault = _continueAt is { } until ? $"Stopped until {until:O}" : "Stopped";
        log($"fault: {spec.Name} (pid {pid}) stopped with SIGSTOP{(_continueAt is { } u ? $" until {u:O}" : "")}");
        return pid;
    }

    /// <summary>Fault injection: SIGCONT, whether or not it was stopped. Returns the pid continued.</summary>
    public int Resume()
    {
        var pid = RunningProcess("continue").Id;
        ProcessTools.Signal(pid, ProcessTools.SigCont);
        _continueAt = null;
        State.Fault = null;
        log($"fault: {spec.Name} (pid {pid}) continued with SIGCONT");
        return pid;
    }

    /// <summary>When a Stop with a duration is due, continues the process; true when it did.</summary>
    public bool ContinueIfDue()
    {
        if (_continueAt is not { } due || DateTimeOffset.UtcNow < due) return false;
        if (HasExited) { _continueAt = null; return false; }
        Resume();
        return true;
    }

    /// <summary>When a Stop with a duration is continued (null when it is not stopped, or stopped with no end).</summary>
    public DateTimeOffset? ContinueAt => _continueAt;

    /// <summary>Fault injection: a planned restart (SIGTERM, then a fresh start), counted as a restart. Returns (old pid, new pid).</summary>
    public async Task<(int Old, int New)> RestartAsync(TimeSpan grace)
    {
        var old = RunningProcess("restart").Id;
        await StopAsync(grace).ConfigureAwait(false);
        _process?.Dispose();
        _process = null;
        State.Restarts++;
        State.LastError = $"restarted on request at {DateTimeOffset.UtcNow:O}";
        Start();
        log($"fault: {spec.Name} restarted on request (pid {old} -> {State.Pid}, restart {State.Restarts})");
        return (old, State.Pid);
    }

    private Process RunningProcess(string what) =>
        _process is { HasExited: false } p && !_stopped ? p : throw new InvalidOperationException($"{spec.Name} is not running (nothing to {what}); it is {State.Health}");

    /// <summary>The last lines of this component's log, for an error message.</summary>
    public string LogTail(int lines = 5)
    {
        try
        {
            _logFile?.Flush();
            var path = Path.Combine(logsDir, spec.Name + ".log");
            var all = File.ReadLines(path).TakeLast(lines);
            return string.Join(" | ", all);
        }
        catch (IOException) { return "(no log)"; }
    }

    private const long MaxLogBytes = 20 * 1024 * 1024;

    private FileStream OpenLog()
    {
        Directory.CreateDirectory(logsDir);
        // One generation kept: enough to read why the last run failed, bounded for a cluster left up for weeks.
        var path = Path.Combine(logsDir, spec.Name + ".log");
        if (File.Exists(path) && new FileInfo(path).Length > MaxLogBytes)
            File.Move(path, path + ".1", overwrite: true);
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(Path.Combine(logsDir, spec.Name + ".log"), options);
    }

    private async Task Pump(Stream from)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            await _logLock.WaitAsync().ConfigureAwait(false);
            try { await _logFile!.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false); await _logFile.FlushAsync().ConfigureAwait(false); }
            finally { _logLock.Release(); }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _process?.Dispose();
        if (_logFile is not null) await _logFile.DisposeAsync().ConfigureAwait(false);
        _logLock.Dispose();
    }
}

internal sealed class ComponentFailedException(string component, string message) : Exception(message)
{
    public string Component { get; } = component;
}
