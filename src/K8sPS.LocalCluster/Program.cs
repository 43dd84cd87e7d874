using System.Runtime.InteropServices;
using K8sPS.Engine.LocalCluster;
using K8sPS.LocalCluster.Supervisor;

namespace K8sPS.LocalCluster;

/// <summary>
/// k8sps-localcluster: the process Start-K8sLocalCluster launches. Exit codes: 0 stopped cleanly,
/// 1 failed while running, 2 bad arguments, 3 failed before detaching (reason on stderr).
/// </summary>
internal static class Program
{
    /// <summary>Written to stdout once the checks passed and the supervisor lets go of the launcher's pipes (LocalClusterManager.DetachedLine).</summary>
    private const string DetachedLine = "k8sps-localcluster: detached";

    private static async Task<int> Main(string[] args)
    {
        SupervisorOptions options;
        try { options = SupervisorOptions.Parse(args); }
        catch (ArgumentException e) { await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false); return 2; }

        if (!options.Foreground) Detach.NewSession();

        using var stop = new CancellationTokenSource();
        // SIGTERM (Stop-K8sLocalCluster) and SIGINT stop the cluster cleanly; SIGHUP is ignored (no terminal to lose).
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var onHup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => c.Cancel = true);

        await using var supervisor = new Supervisor.Supervisor(options);
        try
        {
            supervisor.Prepare();
        }
        catch (Exception e)
        {
            var error = LocalClusterErrors.Unexpected(e, LocalClusterErrors.StartFailedId, options.Name).Error;
            await Console.Error.WriteLineAsync(LocalClusterErrors.ToStderrLine(error)).ConfigureAwait(false);
            return 3;
        }

        if (!options.Foreground)
        {
            // The one line the launcher waits for: past it, failures are reported in state.json.
            await Console.Out.WriteLineAsync(DetachedLine).ConfigureAwait(false);
            Detach.CloseStdio();
        }
        try
        {
            await supervisor.RunAsync(stop.Token).ConfigureAwait(false);
            return 0;
        }
        catch (Exception) when (!stop.IsCancellationRequested)
        {
            // The reason is in state.json and logs/supervisor.log.
            return 1;
        }
    }
}
