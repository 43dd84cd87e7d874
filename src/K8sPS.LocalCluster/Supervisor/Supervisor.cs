using System.Globalization;
using k8s;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;
using K8sPS.Engine.LocalCluster;

namespace K8sPS.LocalCluster.Supervisor;

/// <summary>
/// Owns one local cluster from start to stop: etcd, kube-apiserver, kube-controller-manager and
/// kube-scheduler as child processes, the background controllers (node simulator, provisioner) in
/// process, state.json and the logs. Runs until cancelled (SIGTERM from Stop-K8sLocalCluster).
/// </summary>
internal sealed class Supervisor(SupervisorOptions options) : IAsyncDisposable
{
    private readonly string _dir = LocalClusterPaths.ClusterDir(options.Name, options.Home);
    private readonly List<ComponentProcess> _components = [];
    private readonly List<HttpClient> _httpClients = [];
    private readonly object _stateLock = new();
    // Held while a component's process is changed (restarted after a crash, or by an injected fault), so the two never race.
    private readonly SemaphoreSlim _processLock = new(1, 1);
    private ClusterState _state = new();
    private FileStream? _lock;
    private StreamWriter? _log;
    private IKubernetes? _client;
    private Pki? _pki;

    /// <summary>Checks, certificates, kubeconfig: everything that can fail fast, before the caller stops listening on our stderr.</summary>
    public void Prepare()
    {
        var fresh = !Directory.Exists(_dir);
        try
        {
            PrepareCore();
        }
        catch (Exception e) when (fresh && e is not K8sException { Error.ErrorId: LocalClusterErrors.AlreadyRunningId })
        {
            // A first start that fails its checks leaves no folder behind: nothing to Stop or Remove later.
            _log?.Dispose(); _log = null;
            _lock?.Dispose(); _lock = null;
            try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
            throw;
        }
    }

    private void PrepareCore()
    {
        LocalClusterPaths.CreatePrivateDirectory(options.Home);
        LocalClusterPaths.CreatePrivateDirectory(LocalClusterPaths.ClustersRoot(options.Home));
        LocalClusterPaths.CreatePrivateDirectory(_dir);
        _lock = TakeLock();
        LocalClusterPaths.CreatePrivateDirectory(LocalClusterPaths.LogsDir(_dir));
        _log = OpenSupervisorLog();
        Log($"supervisor {Environment.ProcessId} starting cluster '{options.Name}' with {options.NodeCount} node(s)");

        var previous = ClusterState.TryLoad(_dir);
        KillLeftovers(previous);

        var missing = KubeBinaries.Missing(options.BinPath);
        if (missing.Count > 0)
            throw LocalClusterErrors.Create(LocalClusterErrors.BinaryNotFoundId, missing[0],
                $"{string.Join(", ", missing)} not found. Install the Kubernetes binaries with: {KubeBinaries.InstallCommand}");

        var ports = ChoosePorts(options.ApiServerPort, previous?.Ports);
        var pki = _pki = Pki.LoadOrCreate(LocalClusterPaths.PkiDir(_dir));
        var server = ControlPlane.Url(ports.ApiServer);
        LocalClusterPaths.WritePrivateFile(LocalClusterPaths.AdminKubeconfig(_dir), ControlPlane.ComponentKubeconfig(server, pki.Ca, pki.Admin, options.Name));
        LocalClusterPaths.WritePrivateFile(Path.Combine(_dir, "kube-controller-manager.kubeconfig"), ControlPlane.ComponentKubeconfig(server, pki.Ca, pki.ControllerManager, options.Name));
        LocalClusterPaths.WritePrivateFile(Path.Combine(_dir, "kube-scheduler.kubeconfig"), ControlPlane.ComponentKubeconfig(server, pki.Ca, pki.Scheduler, options.Name));
        KubeconfigStore.Merge(options.KubeconfigPath, options.Name, server, pki.Ca.CertBytes, pki.Admin.CertBytes, pki.Admin.KeyBytes);
        Log($"kubeconfig context '{options.Name}' written to {options.KubeconfigPath}");

        CreateComponents(pki, ports);
        _state = new ClusterState
        {
            Name = options.Name,
            Phase = ClusterPhase.Starting,
            Message = "starting etcd",
            SupervisorPid = Environment.ProcessId,
            StartedAt = DateTimeOffset.UtcNow,
            ApiServerUrl = server,
            Ports = ports,
            NodeCount = options.NodeCount,
            KubeconfigPath = options.KubeconfigPath,
            Context = options.Name,
            BinPath = options.BinPath,
            Components = _components.Select(c => c.State).ToList(),
        };
        SaveState();
    }

    /// <summary>Starts everything, reports Running once all nodes are Ready, then supervises until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        using var controllers = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var controllerTasks = new List<Task>();
        try
        {
            await StartControlPlaneAsync(ct).ConfigureAwait(false);
            // The Engine's connection: the same TLS checks, HTTP version (1.1: the simulator's many writes stall over
            // HTTP/2 in KubernetesClient, see ARCHITECTURE.md) and retry policy as every cmdlet's.
            _client = ConnectionFactory.Get(kubeconfigPath: LocalClusterPaths.AdminKubeconfig(_dir)).Client;
            var cluster = new ClusterInfo(options.Name, options.NodeCount, _dir, Log) { Kubelet = KubeletEndpoint() };
            foreach (var (name, run) in Controllers.For(cluster))
                controllerTasks.Add(RunControllerAsync(name, run, _client, controllers.Token));

            await WaitUntilReadyAsync(ct).ConfigureAwait(false);
            // Faults on a loop of their own: the supervising loop can wait seconds on a stalled apiserver, and a
            // Stop with a duration must be continued on time.
            var faults = InjectFaultsAsync(controllers.Token);
            controllerTasks.Add(faults);
            await SuperviseAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Log("stop requested");
        }
        catch (Exception e)
        {
            Log($"failed: {e.Message}");
            UpdateState(s => { s.Phase = ClusterPhase.Failed; s.Message = e.Message; });
            throw;
        }
        finally
        {
            await controllers.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(controllerTasks).ConfigureAwait(false);
            await StopComponentsAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The simulated kubelets serve logs with the cluster's own certificates, to the API server only.</summary>
    private Simulator.KubeletEndpointOptions? KubeletEndpoint()
    {
        if (_pki is not { } pki) return null;
        return new Simulator.KubeletEndpointOptions
        {
            Port = _state.Ports.Kubelet,
            ServingCertificate = node => pki.NodeServing(node.Name, node.InternalIp).ToCertificate(),
            IsTrustedClient = pki.IsKubeletClient,
        };
    }

    private async Task StartControlPlaneAsync(CancellationToken ct)
    {
        var etcd = _components[0];
        var apiserver = _components[1];
        etcd.Start();
        SaveState();
        await etcd.WaitHealthyAsync(TimeSpan.FromSeconds(60), ct).ConfigureAwait(false);
        Log("etcd healthy");

        UpdateState(s => s.Message = "starting kube-apiserver, kube-controller-manager and kube-scheduler");
        apiserver.Start();
        // The other two start with it: their start-up (loading 100 MB binaries) overlaps the apiserver's,
        // and they wait for its /healthz themselves (a controller-manager that gives up is restarted).
        foreach (var c in _components.Skip(2)) c.Start();
        SaveState();
        await apiserver.WaitHealthyAsync(TimeSpan.FromSeconds(120), ct).ConfigureAwait(false);
        Log("kube-apiserver ready");
    }

    private async Task WaitUntilReadyAsync(CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(180);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var c in _components) c.RestartIfExited();
            var probes = await Task.WhenAll(_components.Select(c => c.ProbeAsync(ct))).ConfigureAwait(false);
            var ready = await CountReadyNodesAsync(ct).ConfigureAwait(false);
            var serviceAccount = await DefaultServiceAccountExistsAsync(ct).ConfigureAwait(false);
            var waitingFor = new List<string>();
            for (var i = 0; i < probes.Length; i++) if (!probes[i]) waitingFor.Add(_components[i].Spec.Name);
            if (ready < options.NodeCount) waitingFor.Add($"nodes Ready {ready}/{options.NodeCount}");
            if (!serviceAccount) waitingFor.Add("default service account");
            if (waitingFor.Count == 0) break;
            UpdateState(s => { s.NodesReady = ready; s.Message = "waiting for " + string.Join(", ", waitingFor); });
            SaveState();
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"cluster not ready after 180 s, still {UpdateMessage()}");
            await Task.Delay(250, ct).ConfigureAwait(false);
        }
        UpdateState(s =>
        {
            s.Phase = ClusterPhase.Running;
            s.Message = null;
            s.NodesReady = options.NodeCount;
            s.ReadyAt = DateTimeOffset.UtcNow;
        });
        SaveState();
        Log($"cluster ready in {(_state.ReadyAt!.Value - _state.StartedAt).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
    }

    private string UpdateMessage() { lock (_stateLock) return _state.Message ?? ""; }

    /// <summary>Restarts what dies, probes health and counts Ready nodes every few seconds, until stopped.</summary>
    private async Task SuperviseAsync(CancellationToken ct)
    {
        var tick = 0;
        while (true)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct).ConfigureAwait(false);
            var changed = false;
            await _processLock.WaitAsync(ct).ConfigureAwait(false);
            try { foreach (var c in _components) changed |= c.RestartIfExited(); }
            finally { _processLock.Release(); }
            if (changed) SaveState();
            if (changed || ++tick % 20 == 0)
            {
                await Task.WhenAll(_components.Select(c => c.ProbeAsync(ct))).ConfigureAwait(false);
                var ready = await CountReadyNodesAsync(ct).ConfigureAwait(false);
                UpdateState(s => s.NodesReady = ready);
                SaveState();
            }
        }
    }

    private async Task<int> CountReadyNodesAsync(CancellationToken ct)
    {
        if (_client is null) return 0;
        // Bounded: a stalled (SIGSTOPped) or restarting apiserver must not hold the loop that restarts what died.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            var nodes = await _client.CoreV1.ListNodeAsync(cancellationToken: timeout.Token).ConfigureAwait(false);
            return nodes.Items.Count(n => n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
        }
        catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException or K8sException) { return 0; }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { return 0; }
    }

    /// <summary>
    /// Takes the fault requests Invoke-K8sLocalClusterFault writes (faults/*.request.json), does each to the
    /// component's process and answers it; continues stopped components when their duration ends.
    /// </summary>
    private async Task InjectFaultsAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(100, ct).ConfigureAwait(false);
                var requests = LocalClusterFaults.TakePending(_dir);
                var changed = false;
                await _processLock.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    foreach (var c in _components) changed |= c.ContinueIfDue();
                    foreach (var request in requests)
                    {
                        var result = await InjectAsync(request).ConfigureAwait(false);
                        LocalClusterFaults.WriteResult(_dir, result);
                        changed = true;
                    }
                }
                finally { _processLock.Release(); }
                if (changed) SaveState();
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log($"fault requests: {e.Message}");
            }
        }
    }

    private async Task<LocalClusterFaultResult> InjectAsync(LocalClusterFaultRequest request)
    {
        var result = new LocalClusterFaultResult { Id = request.Id, Cluster = options.Name, Component = request.Component, Action = request.Action };
        var component = _components.FirstOrDefault(c => c.Spec.Name == request.Component);
        try
        {
            if (component is null) throw new InvalidOperationException($"no component '{request.Component}'");
            switch (request.Action)
            {
                case LocalClusterFaultAction.Kill:
                    result.Pid = component.Kill(request.Duration);
                    if (request.Duration is { } hold) result.Until = DateTimeOffset.UtcNow + hold;
                    break;
                case LocalClusterFaultAction.Stop:
                    result.Pid = component.Pause(request.Duration);
                    result.Until = component.ContinueAt;
                    break;
                case LocalClusterFaultAction.Continue:
                    result.Pid = component.Resume();
                    break;
                case LocalClusterFaultAction.Restart:
                    (result.Pid, result.NewPid) = await component.RestartAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
                    break;
                default:
                    throw new InvalidOperationException($"unknown action {request.Action}");
            }
            result.Succeeded = true;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            result.Message = e.Message;
            Log($"fault {request.Action} of {request.Component} refused: {e.Message}");
        }
        result.DoneAt = DateTimeOffset.UtcNow;
        return result;
    }

    // Pods are refused until the controller-manager has created the namespace's default service account.
    private async Task<bool> DefaultServiceAccountExistsAsync(CancellationToken ct)
    {
        if (_client is null) return false;
        try
        {
            await _client.CoreV1.ReadNamespacedServiceAccountAsync("default", "default", cancellationToken: ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException) { return false; }
    }

    private async Task RunControllerAsync(string name, Func<IKubernetes, CancellationToken, Task> run, IKubernetes client, CancellationToken ct)
    {
        var pause = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                Log($"controller {name} starting");
                await run(client, ct).ConfigureAwait(false);
                if (!ct.IsCancellationRequested) Log($"controller {name} returned; restarting");
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                Log($"controller {name} failed: {e.GetType().Name}: {e.Message}; restarting in {pause.TotalSeconds:0} s");
            }
            try { await Task.Delay(pause, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            pause = TimeSpan.FromSeconds(Math.Min(30, pause.TotalSeconds * 2));
        }
    }

    private async Task StopComponentsAsync()
    {
        UpdateState(s => { if (s.Phase != ClusterPhase.Failed) s.Phase = ClusterPhase.Stopping; });
        SaveState();
        // The reverse of the start order: nothing is left talking to an apiserver or etcd that is gone.
        for (var i = _components.Count - 1; i >= 0; i--)
        {
            try { await _components[i].StopAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false); }
            catch (Exception e) { Log($"stopping {_components[i].Spec.Name}: {e.Message}"); }
        }
        UpdateState(s =>
        {
            if (s.Phase != ClusterPhase.Failed) { s.Phase = ClusterPhase.Stopped; s.Message = null; }
            s.StoppedAt = DateTimeOffset.UtcNow;
            s.NodesReady = 0;
        });
        SaveState();
        Log("stopped");
    }

    private void CreateComponents(Pki pki, ClusterPorts ports)
    {
        using var ca = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pki.Ca.CertPem);
        var caCopy = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(ca.RawData);
        HttpClient Client(CertificatePair? clientPair)
        {
            var c = ControlPlane.HealthClient(caCopy, clientPair?.ToCertificate());
            _httpClients.Add(c);
            return c;
        }
        var logs = LocalClusterPaths.LogsDir(_dir);
        string Bin(string name) => Path.Combine(options.BinPath, name);
        Uri Health(int port, string path) => new(ControlPlane.Url(port) + path);
        var specs = new[]
        {
            new ComponentSpec("etcd", Bin("etcd"), ControlPlane.EtcdArguments(pki, ports, LocalClusterPaths.EtcdDataDir(_dir)),
                Health(ports.EtcdClient, "/health"), Client(pki.EtcdClient)),
            new ComponentSpec("kube-apiserver", Bin("kube-apiserver"), ControlPlane.ApiServerArguments(pki, ports),
                Health(ports.ApiServer, "/readyz"), Client(pki.Admin)),
            new ComponentSpec("kube-controller-manager", Bin("kube-controller-manager"),
                ControlPlane.ControllerManagerArguments(pki, ports, Path.Combine(_dir, "kube-controller-manager.kubeconfig")),
                Health(ports.ControllerManager, "/healthz"), Client(null)),
            new ComponentSpec("kube-scheduler", Bin("kube-scheduler"),
                ControlPlane.SchedulerArguments(pki, ports, Path.Combine(_dir, "kube-scheduler.kubeconfig")),
                Health(ports.Scheduler, "/healthz"), Client(null)),
        };
        foreach (var spec in specs) _components.Add(new ComponentProcess(spec, logs, Log));
    }

    /// <summary>
    /// The given API port must be free; the others are the previous run's when still free (so a warm
    /// start keeps its URL and etcd its peer address), else any free port.
    /// </summary>
    internal static ClusterPorts ChoosePorts(int apiServerPort, ClusterPorts? previous)
    {
        var taken = new HashSet<int>();
        int Pick(int wanted, int previousPort, string component)
        {
            if (wanted != 0)
            {
                if (!PortProbe.IsFree(wanted))
                    throw LocalClusterErrors.Create(LocalClusterErrors.PortInUseId, wanted.ToString(CultureInfo.InvariantCulture),
                        $"port {wanted} on 127.0.0.1, wanted for {component}, is already in use");
                taken.Add(wanted);
                return wanted;
            }
            var port = previousPort > 0 && !taken.Contains(previousPort) && PortProbe.IsFree(previousPort)
                ? previousPort
                : PortProbe.FindFree(taken);
            taken.Add(port);
            return port;
        }
        var ports = new ClusterPorts();
        ports.ApiServer = Pick(apiServerPort, previous?.ApiServer ?? 0, "kube-apiserver");
        ports.EtcdClient = Pick(0, previous?.EtcdClient ?? 0, "etcd");
        ports.EtcdPeer = Pick(0, previous?.EtcdPeer ?? 0, "etcd peers");
        ports.ControllerManager = Pick(0, previous?.ControllerManager ?? 0, "kube-controller-manager");
        ports.Scheduler = Pick(0, previous?.Scheduler ?? 0, "kube-scheduler");
        // Served on the nodes' addresses, not 127.0.0.1: the simulator moves to another port if this one is taken there.
        ports.Kubelet = Pick(0, previous?.Kubelet ?? 0, "the simulated kubelets");
        return ports;
    }

    /// <summary>Kills processes a previous supervisor started and did not stop (it was killed or crashed).</summary>
    private void KillLeftovers(ClusterState? previous)
    {
        if (previous is null) return;
        foreach (var c in previous.Components)
        {
            if (c.Pid > 0 && !string.IsNullOrEmpty(c.Executable) && ProcessTools.IsRunning(c.Pid, c.Executable, _dir + Path.DirectorySeparatorChar))
            {
                Log($"killing leftover {c.Name} (pid {c.Pid}) of a previous run");
                ProcessTools.TerminateAsync(c.Pid, TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
            }
        }
    }

    private FileStream TakeLock()
    {
        try
        {
            // FileShare.None takes an exclusive lock the kernel drops when we exit, however we exit.
            var lockOptions = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) lockOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            return new FileStream(LocalClusterPaths.LockFile(_dir), lockOptions);
        }
        catch (IOException)
        {
            throw LocalClusterErrors.Create(LocalClusterErrors.AlreadyRunningId, options.Name,
                $"local cluster '{options.Name}' is already running (another supervisor holds {LocalClusterPaths.LockFile(_dir)})");
        }
    }

    private StreamWriter OpenSupervisorLog()
    {
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new StreamWriter(new FileStream(Path.Combine(LocalClusterPaths.LogsDir(_dir), "supervisor.log"), options)) { AutoFlush = true };
    }

    private void Log(string message)
    {
        var line = $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {message}";
        lock (_stateLock) _log?.WriteLine(line);
        if (options.Foreground) Console.Error.WriteLine(line);
    }

    private void UpdateState(Action<ClusterState> change) { lock (_stateLock) change(_state); }

    private void SaveState()
    {
        lock (_stateLock)
        {
            try { _state.Save(_dir); }
            catch (IOException e) { _log?.WriteLine($"could not write state.json: {e.Message}"); }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _components) await c.DisposeAsync().ConfigureAwait(false);
        foreach (var h in _httpClients) h.Dispose();
        _processLock.Dispose();
        ConnectionFactory.Reset(); // disposes the admin client
        if (_log is not null) await _log.DisposeAsync().ConfigureAwait(false);
        if (_lock is not null) await _lock.DisposeAsync().ConfigureAwait(false);
    }
}
