using System.Runtime.InteropServices;

namespace K8sPS.Engine.LocalCluster;

/// <summary>Signals and liveness of processes by pid (Linux /proc), for the supervisor and the cmdlets alike.</summary>
public static class ProcessTools
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    /// <summary>Linux's SIGCONT and SIGSTOP (x86-64 and arm64), for fault injection: a stalled process, then a running one again.</summary>
    public const int SigCont = 18;
    public const int SigStop = 19;

    // DllImport rather than LibraryImport: the latter needs unsafe blocks enabled for the whole assembly.
#pragma warning disable SYSLIB1054
    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054

    /// <summary>True when <paramref name="pid"/> is a live process (zombies count as gone).</summary>
    public static bool IsAlive(int pid)
    {
        if (pid <= 0) return false;
        try
        {
            // Field 3 of /proc/<pid>/stat is the state: 'Z' is a zombie that only waits to be reaped, and
            // 'X' (or 'x') a process being reaped at this very moment; neither runs any more.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterName = stat.LastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.Length || stat[afterName + 2] is not ('Z' or 'X' or 'x');
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return true; }
    }

    /// <summary>The command line of <paramref name="pid"/>, arguments separated by spaces; empty when gone.</summary>
    public static string CommandLine(int pid)
    {
        // exec lets the parent go on before it has set the new command line, so a process just started
        // (Process.Start has returned) can show an empty one for a moment: a live process is read again.
        for (var attempt = 1; ; attempt++)
        {
            var cmd = ReadCommandLine(pid);
            if (cmd.Length > 0 || attempt == 50 || !IsAlive(pid)) return cmd;
            Thread.Sleep(2);
        }
    }

    private static string ReadCommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }

    /// <summary>
    /// True when <paramref name="pid"/> is alive, runs <paramref name="executable"/> and its command line
    /// holds <paramref name="marker"/>. A recorded pid may have been reused since, even by the same
    /// binary of another cluster: the marker (the cluster's folder or name) tells ours apart.
    /// </summary>
    public static bool IsRunning(int pid, string executable, string marker)
    {
        if (!IsAlive(pid)) return false;
        var cmd = CommandLine(pid);
        return (cmd.Contains(executable, StringComparison.Ordinal) || cmd.Contains(Path.GetFileName(executable), StringComparison.Ordinal))
            && cmd.Contains(marker, StringComparison.Ordinal);
    }

    /// <summary>True when <paramref name="pid"/> is the supervisor of the cluster <paramref name="name"/>.</summary>
    public static bool IsSupervisorOf(int pid, string name) =>
        IsRunning(pid, "k8sps-localcluster", $" --name {name} ");

    public static bool Signal(int pid, int signal) => pid > 0 && kill(pid, signal) == 0;

    /// <summary>SIGTERM, then SIGKILL if <paramref name="pid"/> is still alive after <paramref name="grace"/>.</summary>
    public static async Task<bool> TerminateAsync(int pid, TimeSpan grace, CancellationToken ct = default)
    {
        if (!IsAlive(pid)) return true;
        Signal(pid, SigTerm);
        if (await WaitForExitAsync(pid, grace, ct).ConfigureAwait(false)) return true;
        Signal(pid, SigKill);
        return await WaitForExitAsync(pid, TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
    }

    public static async Task<bool> WaitForExitAsync(int pid, TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(100, ct).ConfigureAwait(false);
        }
        return true;
    }
}
