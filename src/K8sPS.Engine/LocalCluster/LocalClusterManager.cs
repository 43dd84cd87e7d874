using System.Diagnostics;
using System.Globalization;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Versions;

namespace K8sPS.Engine.LocalCluster;

/// <summary>A start that passed every check and is ready to launch.</summary>
public sealed record LocalClusterLaunchPlan(string Name, string ClusterDir, string Supervisor, IReadOnlyList<string> Arguments, string KubeconfigPath, string BinPath, int NodeCount);

/// <summary>
/// The cmdlets' side of the local cluster, free of PowerShell: checks a start, launches the
/// supervisor detached, follows its progress through state.json, reads state, stops.
/// </summary>
public static class LocalClusterManager
{
    public const string SupervisorName = "k8sps-localcluster";

    /// <summary>What the supervisor writes to stdout when it detaches (its Program.DetachedLine).</summary>
    internal const string DetachedLine = "k8sps-localcluster: detached";

    /// <summary>Every check that can fail before anything starts: name, already running, binaries, supervisor, port.</summary>
    public static LocalClusterLaunchPlan Plan(LocalClusterStartRequest request)
    {
        if (!LocalClusterPaths.IsValidName(request.Name))
            throw LocalClusterErrors.Create(LocalClusterErrors.InvalidNameId, request.Name,
                $"'{request.Name}' is not a valid local cluster name: use 1-40 lower-case letters, digits and '-', starting and ending with a letter or digit.");
        var dir = LocalClusterPaths.ClusterDir(request.Name);
        var existing = Get(request.Name);
        var nodeCount = request.NodeCount ?? (existing?.NodeCount > 0 ? existing.NodeCount : 1);
        if (nodeCount is < 1 or > 1000)
            throw LocalClusterErrors.Create(LocalClusterErrors.InvalidNodeCountId, nodeCount.ToString(CultureInfo.InvariantCulture),
                $"NodeCount must be from 1 to 1000, not {nodeCount}.");
        if (existing is not null && existing.SupervisorPid > 0)
            throw LocalClusterErrors.Create(LocalClusterErrors.AlreadyRunningId, request.Name,
                $"Local cluster '{request.Name}' is already running (supervisor pid {existing.SupervisorPid}, {existing.ApiServerUrl}). Stop it first with: Stop-K8sLocalCluster -Name {request.Name}");

        var (bin, source) = KubeBinaries.Resolve(request.BinPath);
        var missing = KubeBinaries.Missing(bin);
        if (missing.Count > 0)
            throw LocalClusterErrors.Create(LocalClusterErrors.BinaryNotFoundId, missing[0],
                $"Kubernetes binaries missing in {bin} (from {source}): {string.Join(", ", missing.Select(Path.GetFileName))}. " +
                $"Install them with: {KubeBinaries.InstallCommand}" +
                (source == "the K8sPS cache" ? "" : $" (or point {source} at a folder holding {string.Join(", ", KubeBinaries.Required)})"));

        if (request.ApiServerPort != 0 && !PortProbe.IsFree(request.ApiServerPort))
            throw LocalClusterErrors.Create(LocalClusterErrors.PortInUseId, request.ApiServerPort.ToString(CultureInfo.InvariantCulture),
                $"Port {request.ApiServerPort} on 127.0.0.1 is already in use; choose another -ApiServerPort or leave it out to get a free one.");

        var supervisor = request.SupervisorPath ?? FindSupervisor();
        var kubeconfig = request.KubeconfigPath is null ? LocalClusterPaths.DefaultKubeconfig() : Path.GetFullPath(request.KubeconfigPath);
        var args = new List<string>
        {
            "run", "--name", request.Name, "--home", LocalClusterPaths.Home, "--bin", bin,
            "--nodes", nodeCount.ToString(CultureInfo.InvariantCulture), "--kubeconfig", kubeconfig,
        };
        if (request.ApiServerPort != 0) args.AddRange(["--api-port", request.ApiServerPort.ToString(CultureInfo.InvariantCulture)]);
        return new LocalClusterLaunchPlan(request.Name, dir, supervisor, args, kubeconfig, bin, nodeCount);
    }

    /// <summary>
    /// Starts the supervisor and returns once it has detached (its early checks passed and it has
    /// written its first state.json); its own failures before that come back as exceptions.
    /// </summary>
    public static async Task<int> LaunchAsync(LocalClusterLaunchPlan plan, CancellationToken ct)
    {
        var info = new ProcessStartInfo(plan.Supervisor)
        {
            UseShellExecute = false,
            // Pipes, not our terminal: the supervisor writes its early errors here, then points them at /dev/null.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = LocalClusterPaths.Home is var h && Directory.Exists(h) ? h : Path.GetTempPath(),
        };
        if (plan.Supervisor.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            info.FileName = DotnetHost();
            info.ArgumentList.Add(plan.Supervisor);
        }
        foreach (var a in plan.Arguments) info.ArgumentList.Add(a);
        // The apphost finds the runtime through DOTNET_ROOT; give it the one this process runs on.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ROOT")) && RuntimeRoot() is { } root)
            info.Environment["DOTNET_ROOT"] = root;

        using var process = Process.Start(info) ?? throw LocalClusterErrors.Create(LocalClusterErrors.StartFailedId, plan.Name, $"could not start {plan.Supervisor}");
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        string stderr, stdout;
        try
        {
            var errTask = process.StandardError.ReadToEndAsync(timeout.Token);
            var outTask = process.StandardOutput.ReadToEndAsync(timeout.Token);
            stderr = await errTask.ConfigureAwait(false);
            stdout = await outTask.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw LocalClusterErrors.Create(LocalClusterErrors.StartTimeoutId, plan.Name,
                $"the supervisor of '{plan.Name}' did not detach within 60 s; see {LocalClusterPaths.LogsDir(plan.ClusterDir)}");
        }
        // EOF on both pipes: either it detached (and said so on stdout) or it exited with the reason on stderr.
        if (stdout.Contains(DetachedLine, StringComparison.Ordinal)) return process.Id;
        if (!process.WaitForExit(10_000))
        {
            // It closed its pipes without saying it detached: whatever it is doing, it is not a cluster we can follow.
            process.Kill(entireProcessTree: true);
            throw LocalClusterErrors.Create(LocalClusterErrors.StartFailedId, plan.Name,
                $"the supervisor of '{plan.Name}' closed its output without detaching and was stopped; see {LocalClusterPaths.LogsDir(plan.ClusterDir)}");
        }
        throw FromSupervisorError(plan.Name, stderr, process.ExitCode);
    }

    /// <summary>Follows state.json until the cluster is Running (all nodes Ready) or fails.</summary>
    public static async Task<LocalClusterInfo> WaitAsync(string name, TimeSpan timeout, Action<LocalClusterInfo>? progress, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var dir = LocalClusterPaths.ClusterDir(name);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var info = Get(name) ?? throw LocalClusterErrors.Create(LocalClusterErrors.StartFailedId, name,
                $"local cluster '{name}' has no state in {dir}");
            progress?.Invoke(info);
            switch (info.State)
            {
                case "Running":
                    return info;
                case "Failed" or "Crashed" or "Stopped":
                    throw LocalClusterErrors.Create(LocalClusterErrors.StartFailedId, name,
                        $"local cluster '{name}' did not start: {info.Message ?? info.State}. Logs: {LocalClusterPaths.LogsDir(dir)}");
            }
            if (DateTimeOffset.UtcNow > deadline)
                throw LocalClusterErrors.Create(LocalClusterErrors.StartTimeoutId, name,
                    $"local cluster '{name}' was not ready after {timeout.TotalSeconds:0} s ({info.Message}). It keeps starting in the background; logs: {LocalClusterPaths.LogsDir(dir)}");
            await Task.Delay(200, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The cluster named <paramref name="name"/>, or null when it has no state folder.</summary>
    public static LocalClusterInfo? Get(string name)
    {
        var dir = LocalClusterPaths.ClusterDir(name);
        var state = ClusterState.TryLoad(dir);
        return state is null ? null : LocalClusterInfo.From(state, dir);
    }

    /// <summary>Every cluster with a state folder, by name.</summary>
    public static IReadOnlyList<LocalClusterInfo> List()
    {
        var root = LocalClusterPaths.ClustersRoot();
        if (!Directory.Exists(root)) return [];
        return Directory.GetDirectories(root)
            .OrderBy(d => d, StringComparer.Ordinal)
            .Select(d => ClusterState.TryLoad(d) is { } s ? LocalClusterInfo.From(s, d) : null)
            .OfType<LocalClusterInfo>()
            .ToList();
    }

    /// <summary>
    /// Stops the supervisor (SIGTERM: it stops its components in order), kills whatever a crashed
    /// supervisor left behind, and with <paramref name="remove"/> deletes the state folder and the kubeconfig entries.
    /// </summary>
    public static async Task<LocalClusterInfo> StopAsync(string name, bool remove, CancellationToken ct)
    {
        var dir = LocalClusterPaths.ClusterDir(name);
        var state = ClusterState.TryLoad(dir);
        if (state is null)
            throw LocalClusterErrors.Create(LocalClusterErrors.NotFoundId, name,
                Directory.Exists(dir)
                    ? $"Local cluster '{name}' has no state.json in {dir}."
                    : $"Local cluster '{name}' does not exist (no folder {dir}). Get-K8sLocalCluster lists the clusters there are.");

        if (ProcessTools.IsSupervisorOf(state.SupervisorPid, state.Name))
        {
            ProcessTools.Signal(state.SupervisorPid, ProcessTools.SigTerm);
            // The supervisor gives each component 15 s; beyond a minute something is stuck.
            if (!await ProcessTools.WaitForExitAsync(state.SupervisorPid, TimeSpan.FromSeconds(60), ct).ConfigureAwait(false))
                ProcessTools.Signal(state.SupervisorPid, ProcessTools.SigKill);
        }
        // Whatever is still recorded as running belongs to a supervisor that is gone now.
        state = ClusterState.TryLoad(dir) ?? state;
        foreach (var c in state.Components)
            if (c.Pid > 0 && ProcessTools.IsRunning(c.Pid, c.Executable, dir + Path.DirectorySeparatorChar))
                await ProcessTools.TerminateAsync(c.Pid, TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
        var leftovers = state.Components.Where(c => c.Pid > 0 && ProcessTools.IsRunning(c.Pid, c.Executable, dir + Path.DirectorySeparatorChar)).ToList();
        if (leftovers.Count > 0)
            throw LocalClusterErrors.Create(LocalClusterErrors.StopFailedId, name,
                $"could not stop {string.Join(", ", leftovers.Select(c => $"{c.Name} (pid {c.Pid})"))}");

        if (state.Phase is not (ClusterPhase.Stopped or ClusterPhase.Failed))
        {
            // The supervisor was killed before it could say so itself.
            state.Phase = ClusterPhase.Stopped;
            state.StoppedAt = DateTimeOffset.UtcNow;
            foreach (var c in state.Components) { c.Pid = 0; c.Health = "Stopped"; }
            state.Save(dir);
        }

        var info = LocalClusterInfo.From(state, dir);
        if (remove)
        {
            if (!string.IsNullOrEmpty(state.KubeconfigPath))
                KubeconfigStore.Remove(state.KubeconfigPath, state.Context);
            Directory.Delete(dir, recursive: true);
            info = new LocalClusterInfo
            {
                Name = info.Name, State = "Removed", ApiServerUrl = info.ApiServerUrl, NodeCount = info.NodeCount,
                Context = info.Context, KubeconfigPath = info.KubeconfigPath, StartedAt = info.StartedAt,
                ReadyAt = info.ReadyAt, StartSeconds = info.StartSeconds, Components = info.Components, Folder = dir,
            };
        }
        return info;
    }

    /// <summary>
    /// The supervisor program: K8SPS_SUPERVISOR, else localcluster/ in the module folder (deps/.. of
    /// this assembly), else beside this assembly (test output folders).
    /// </summary>
    public static string FindSupervisor()
    {
        var candidates = new List<string>();
        var env = Environment.GetEnvironmentVariable("K8SPS_SUPERVISOR");
        if (!string.IsNullOrEmpty(env)) candidates.Add(env);
        var here = Path.GetDirectoryName(typeof(LocalClusterManager).Assembly.Location) ?? AppContext.BaseDirectory;
        candidates.Add(Path.Combine(here, "..", "localcluster", SupervisorName));
        candidates.Add(Path.Combine(here, "localcluster", SupervisorName));
        candidates.Add(Path.Combine(here, SupervisorName));
        foreach (var c in candidates)
        {
            var full = Path.GetFullPath(c);
            // A package (.nupkg is a zip) drops the apphost's execute bit: then the dll runs through dotnet instead.
            if (File.Exists(full) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(full) & UnixFileMode.UserExecute) != 0)) return full;
            if (File.Exists(full + ".dll") && File.Exists(full + ".runtimeconfig.json")) return full + ".dll";
        }
        throw LocalClusterErrors.Create(LocalClusterErrors.SupervisorNotFoundId, SupervisorName,
            $"The local cluster program {SupervisorName} was not found (looked in {string.Join(", ", candidates.Select(Path.GetFullPath))}). Rebuild the module with: ./build.sh -Task Build");
    }

    private static K8sException FromSupervisorError(string name, string stderr, int exitCode) =>
        LocalClusterErrors.FromStderr(stderr)
        ?? LocalClusterErrors.Create(LocalClusterErrors.StartFailedId, name, $"the supervisor of '{name}' exited with code {exitCode}: {stderr.Trim()}");

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host)) return host;
        return RuntimeRoot() is { } root && File.Exists(Path.Combine(root, "dotnet")) ? Path.Combine(root, "dotnet") : "dotnet";
    }

    /// <summary>The root of the .NET install this process runs on (…/shared/Microsoft.NETCore.App/&lt;version&gt;/../../..).</summary>
    private static string? RuntimeRoot()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location);
        if (string.IsNullOrEmpty(framework)) return null;
        var root = Path.GetFullPath(Path.Combine(framework, "..", "..", ".."));
        return Directory.Exists(Path.Combine(root, "shared")) ? root : null;
    }
}
