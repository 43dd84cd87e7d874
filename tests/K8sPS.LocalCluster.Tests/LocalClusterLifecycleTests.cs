using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using k8s;
using K8sPS.Engine.Errors;
using K8sPS.Engine.LocalCluster;
using K8sPS.Engine.Versions;

namespace K8sPS.LocalCluster.Tests;

/// <summary>The control plane the fixture started (or was given), and the bad cases of starting and stopping.</summary>
[Collection("cluster")]
public sealed class LocalClusterLifecycleTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Apiserver_is_ready_and_every_node_is_Ready()
    {
        var readyz = await fixture.Client.CoreV1.ListNodeAsync();
        Assert.NotEmpty(readyz.Items);
        Assert.All(readyz.Items, n => Assert.Contains(n.Status.Conditions, c => c.Type == "Ready" && c.Status == "True"));
        if (fixture.StartedCluster is not null)
        {
            Assert.Equal(ClusterFixture.OwnNodeCount, readyz.Items.Count);
            Assert.Contains(readyz.Items, n => n.Metadata.Name == ClusterFixture.OwnClusterName);
            Assert.Contains(readyz.Items, n => n.Metadata.Name == ClusterFixture.OwnClusterName + "-m03");
        }
    }

    [Fact]
    public void State_shows_running_with_every_component_healthy()
    {
        if (fixture.StartedCluster is null) return; // a cluster given by K8SPS_TEST_KUBECONFIG may not be ours
        var info = LocalClusterManager.Get(fixture.StartedCluster)!;
        Assert.Equal("Running", info.State);
        Assert.Equal($"{ClusterFixture.OwnNodeCount}/{ClusterFixture.OwnNodeCount}", info.Nodes);
        Assert.StartsWith("https://127.0.0.1:", info.ApiServerUrl);
        Assert.Equal(["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"], info.Components.Select(c => c.Name));
        Assert.All(info.Components, c => Assert.True(ProcessTools.IsAlive(c.Pid), c.Name));
        Assert.NotNull(info.Uptime);
        Assert.Equal(fixture.StartedCluster, info.Context);
    }

    [Fact]
    public async Task Kubectl_sees_the_same_nodes_through_the_written_context()
    {
        if (!File.Exists("/usr/bin/kubectl")) return;
        var (code, output) = await RunAsync("/usr/bin/kubectl", "--kubeconfig", fixture.KubeconfigPath, "get", "nodes", "--no-headers");
        Assert.Equal(0, code);
        var nodes = await fixture.Client.CoreV1.ListNodeAsync();
        foreach (var n in nodes.Items) Assert.Contains(n.Metadata.Name + " ", output);
        Assert.Contains("Ready", output);
        (code, output) = await RunAsync("/usr/bin/kubectl", "--kubeconfig", fixture.KubeconfigPath, "get", "--raw", "/readyz");
        Assert.Equal(0, code);
        Assert.Equal("ok", output.Trim());
    }

    [Fact]
    public void A_second_start_of_a_running_cluster_is_refused()
    {
        if (fixture.StartedCluster is null) return;
        var e = Assert.Throws<K8sException>(() => LocalClusterManager.Plan(new LocalClusterStartRequest { Name = fixture.StartedCluster }));
        Assert.Equal(LocalClusterErrors.AlreadyRunningId, e.Error.ErrorId);
        Assert.Equal(K8sErrorCategory.AlreadyExists, e.Error.Category);
        Assert.Equal(fixture.StartedCluster, e.Error.Name);
    }

    [Fact]
    public async Task A_second_supervisor_for_a_running_cluster_refuses_and_leaves_it_alone()
    {
        if (fixture.StartedCluster is null) return;
        var before = LocalClusterManager.Get(fixture.StartedCluster)!;
        // Past the cmdlet's check, straight to the supervisor: two Starts racing end up here.
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"k8sps-xunit-race-{Environment.ProcessId}.kubeconfig");
        var plan = new LocalClusterLaunchPlan(fixture.StartedCluster, before.Folder, LocalClusterManager.FindSupervisor(),
            ["run", "--name", fixture.StartedCluster, "--home", LocalClusterPaths.Home, "--bin", KubeBinaries.Resolve(null).Folder,
             "--nodes", "1", "--kubeconfig", kubeconfig], kubeconfig, KubeBinaries.Resolve(null).Folder, 1);
        var e = await Assert.ThrowsAsync<K8sException>(() => LocalClusterManager.LaunchAsync(plan, CancellationToken.None));
        Assert.Equal(LocalClusterErrors.AlreadyRunningId, e.Error.ErrorId);
        Assert.Equal(K8sErrorCategory.AlreadyExists, e.Error.Category);
        Assert.False(File.Exists(kubeconfig));
        var after = LocalClusterManager.Get(fixture.StartedCluster)!;
        Assert.Equal("Running", after.State);
        Assert.Equal(before.SupervisorPid, after.SupervisorPid);
        Assert.Equal(before.Components.Select(c => c.Pid), after.Components.Select(c => c.Pid));
    }

    [Fact]
    public void A_taken_port_a_missing_binary_and_a_bad_name_are_refused_before_anything_starts()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var e = Assert.Throws<K8sException>(() => LocalClusterManager.Plan(new LocalClusterStartRequest { Name = "k8sps-xunit-port", ApiServerPort = port }));
        Assert.Equal(LocalClusterErrors.PortInUseId, e.Error.ErrorId);
        Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Error.Name);

        var empty = Directory.CreateTempSubdirectory("k8sps-nobin-").FullName;
        try
        {
            e = Assert.Throws<K8sException>(() => LocalClusterManager.Plan(new LocalClusterStartRequest { Name = "k8sps-xunit-bin", BinPath = empty }));
            Assert.Equal(LocalClusterErrors.BinaryNotFoundId, e.Error.ErrorId);
            Assert.Contains(KubeBinaries.InstallCommand, e.Message);
            Assert.Contains("etcd", e.Message);
        }
        finally { Directory.Delete(empty); }

        e = Assert.Throws<K8sException>(() => LocalClusterManager.Plan(new LocalClusterStartRequest { Name = "Not_Valid" }));
        Assert.Equal(LocalClusterErrors.InvalidNameId, e.Error.ErrorId);
        Assert.Null(LocalClusterManager.Get("k8sps-xunit-port"));
        Assert.Null(LocalClusterManager.Get("k8sps-xunit-bin"));
    }

    [Fact]
    public async Task Stop_of_a_cluster_that_does_not_exist_is_not_found()
    {
        var e = await Assert.ThrowsAsync<K8sException>(() => LocalClusterManager.StopAsync("k8sps-xunit-none", remove: false, CancellationToken.None));
        Assert.Equal(LocalClusterErrors.NotFoundId, e.Error.ErrorId);
        Assert.Equal(K8sErrorCategory.NotFound, e.Error.Category);
        Assert.Equal("k8sps-xunit-none", e.Error.Name);
    }

    /// <summary>
    /// A second cluster beside the fixture's: its own ports, both answer; its scheduler, killed, is
    /// restarted; and stop leaves no process and no listening port behind.
    /// </summary>
    [Fact]
    public async Task A_second_cluster_runs_beside_the_first_and_stop_leaves_nothing_behind()
    {
        const string name = "k8sps-xunit-b";
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"{name}-{Environment.ProcessId}.kubeconfig");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        if (LocalClusterManager.Get(name) is not null) await LocalClusterManager.StopAsync(name, true, timeout.Token);
        try
        {
            var plan = LocalClusterManager.Plan(new LocalClusterStartRequest { Name = name, NodeCount = 1, KubeconfigPath = kubeconfig });
            await LocalClusterManager.LaunchAsync(plan, timeout.Token);
            var info = await LocalClusterManager.WaitAsync(name, TimeSpan.FromMinutes(3), null, timeout.Token);
            Assert.Equal("Running", info.State);

            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
            var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: timeout.Token);
            Assert.Equal(name, Assert.Single(nodes.Items).Metadata.Name);
            // The first cluster still answers, on other ports.
            Assert.NotEmpty((await fixture.Client.CoreV1.ListNodeAsync(cancellationToken: timeout.Token)).Items);
            var state = ClusterState.TryLoad(info.Folder)!;
            if (fixture.StartedCluster is not null)
            {
                var first = ClusterState.TryLoad(LocalClusterManager.Get(fixture.StartedCluster)!.Folder)!;
                Assert.Empty(first.Ports.All.Select(p => p.Port).Intersect(state.Ports.All.Select(p => p.Port)));
            }

            // A component that dies is started again.
            var scheduler = state.Components.Single(c => c.Name == "kube-scheduler");
            Assert.True(ProcessTools.Signal(scheduler.Pid, ProcessTools.SigKill));
            var restarted = await WaitForAsync(() =>
            {
                var c = LocalClusterManager.Get(name)!.Components.Single(c => c.Name == "kube-scheduler");
                return c.Restarts == 1 && c.Pid != scheduler.Pid && c.Health == "Healthy" ? c : null;
            }, TimeSpan.FromSeconds(60), timeout.Token);
            Assert.True(ProcessTools.IsAlive(restarted.Pid));
            state = ClusterState.TryLoad(info.Folder)!;

            var pids = state.Components.Select(c => c.Pid).Append(state.SupervisorPid).Append(scheduler.Pid).ToList();
            var stopped = await LocalClusterManager.StopAsync(name, remove: true, timeout.Token);
            Assert.Equal("Removed", stopped.State);
            Assert.All(pids, pid => Assert.False(ProcessTools.IsAlive(pid), $"pid {pid} still alive"));
            Assert.All(state.Ports.All, p => Assert.True(PortProbe.IsFree(p.Port), $"{p.Name} port {p.Port} still taken"));
            Assert.False(Directory.Exists(info.Folder));
            Assert.False(KubeconfigStore.HasContext(kubeconfig, name));
        }
        finally
        {
            if (LocalClusterManager.Get(name) is not null) await LocalClusterManager.StopAsync(name, true, CancellationToken.None);
            File.Delete(kubeconfig);
        }
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe, TimeSpan timeout, CancellationToken ct) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in time");
            await Task.Delay(250, ct);
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, output);
    }
}

/// <summary>What a supervisor killed with SIGKILL leaves behind, and how Get and Stop deal with it (no control plane needed).</summary>
public sealed class CrashedClusterTests
{
    [Fact]
    public async Task Get_reports_a_cluster_whose_supervisor_died_as_crashed_and_stop_kills_its_leftovers()
    {
        const string name = "k8sps-xunit-crashed";
        var dir = LocalClusterPaths.ClusterDir(name);
        if (Directory.Exists(dir)) Directory.Delete(dir, true);
        LocalClusterPaths.CreatePrivateDirectory(dir);
        // A leftover: a process whose command line names the cluster's folder, as every component's does.
        var info = new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", "sleep 300", dir + "/etcd" }, UseShellExecute = false };
        using var leftover = Process.Start(info)!;
        try
        {
            new ClusterState
            {
                Name = name, Phase = ClusterPhase.Running, SupervisorPid = 0, NodeCount = 1, NodesReady = 1,
                Components = [new ComponentState { Name = "etcd", Pid = leftover.Id, Executable = "/bin/sh", Health = "Healthy" }],
            }.Save(dir);

            var crashed = LocalClusterManager.Get(name)!;
            Assert.Equal("Crashed", crashed.State);
            Assert.Equal(0, crashed.NodesReady);

            var stopped = await LocalClusterManager.StopAsync(name, remove: false, CancellationToken.None);
            Assert.Equal("Stopped", stopped.State);
            Assert.True(leftover.WaitForExit(5000));
            Assert.Equal(ClusterPhase.Stopped, ClusterState.TryLoad(dir)!.Phase);

            var removed = await LocalClusterManager.StopAsync(name, remove: true, CancellationToken.None);
            Assert.Equal("Removed", removed.State);
            Assert.False(Directory.Exists(dir));
        }
        finally
        {
            if (!leftover.HasExited) leftover.Kill();
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
