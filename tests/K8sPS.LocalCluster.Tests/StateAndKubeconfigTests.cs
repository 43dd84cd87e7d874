using K8sPS.Engine.LocalCluster;

namespace K8sPS.LocalCluster.Tests;

public sealed class StateAndKubeconfigTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "k8sps-state-" + Guid.NewGuid().ToString("N"));

    public StateAndKubeconfigTests() => LocalClusterPaths.CreatePrivateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void State_round_trips_with_phases_as_words_and_is_owner_only()
    {
        var state = new ClusterState
        {
            Name = "c1", Phase = ClusterPhase.Running, SupervisorPid = 42, ApiServerUrl = "https://127.0.0.1:1",
            Ports = new ClusterPorts { ApiServer = 1 }, NodeCount = 3, NodesReady = 2,
            Components = [new ComponentState { Name = "etcd", Pid = 7, Executable = "/b/etcd", Health = "Healthy" }],
        };
        state.Save(_dir);
        var text = File.ReadAllText(LocalClusterPaths.StateFile(_dir));
        Assert.Contains("\"phase\": \"Running\"", text);
        var back = ClusterState.TryLoad(_dir)!;
        Assert.Equal("c1", back.Name);
        Assert.Equal(ClusterPhase.Running, back.Phase);
        Assert.Equal(7, back.Components.Single().Pid);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(LocalClusterPaths.StateFile(_dir)));
    }

    [Fact]
    public void A_state_whose_supervisor_is_gone_reads_as_crashed()
    {
        new ClusterState { Name = "c1", Phase = ClusterPhase.Running, SupervisorPid = int.MaxValue - 1 }.Save(_dir);
        var info = LocalClusterInfo.From(ClusterState.TryLoad(_dir)!, _dir);
        Assert.Equal("Crashed", info.State);
        Assert.Null(info.Uptime);
    }

    [Fact]
    public void Merge_keeps_other_entries_replaces_its_own_and_remove_takes_only_its_own()
    {
        var path = Path.Combine(_dir, "config");
        File.WriteAllText(path, """
            apiVersion: v1
            kind: Config
            clusters:
            - name: other
              cluster:
                server: https://example.invalid
            users:
            - name: other
              user:
                token: abc
            contexts:
            - name: other
              context:
                cluster: other
                user: other
            current-context: other
            """);
        byte[] pem = "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n"u8.ToArray();
        KubeconfigStore.Merge(path, "c1", "https://127.0.0.1:1", pem, pem, pem);
        KubeconfigStore.Merge(path, "c1", "https://127.0.0.1:2", pem, pem, pem);
        var text = File.ReadAllText(path);
        Assert.Contains("https://example.invalid", text);
        Assert.Contains("https://127.0.0.1:2", text);
        Assert.DoesNotContain("https://127.0.0.1:1\n", text);
        Assert.Contains("current-context: c1", text);
        Assert.True(KubeconfigStore.HasContext(path, "c1"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));

        Assert.True(KubeconfigStore.Remove(path, "c1"));
        Assert.False(KubeconfigStore.HasContext(path, "c1"));
        Assert.True(KubeconfigStore.HasContext(path, "other"));
        Assert.False(KubeconfigStore.Remove(path, "c1"));
    }

    [Fact]
    public void Merge_keeps_fields_it_does_not_know_in_other_entries()
    {
        var path = Path.Combine(_dir, "config");
        File.WriteAllText(path, """
            apiVersion: v1
            kind: Config
            preferences: {}
            clusters:
            - name: eks
              cluster:
                server: https://eks.example.invalid
                extensions:
                - name: client.authentication.k8s.io/exec
                  extension:
                    audience: eks
            users:
            - name: eks
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: aws
                  args: [eks, get-token]
                  interactiveMode: Never
                  provideClusterInfo: false
            contexts:
            - name: eks
              context: {cluster: eks, user: eks, namespace: shop}
            current-context: eks
            """);
        byte[] pem = "x"u8.ToArray();
        KubeconfigStore.Merge(path, "c1", "https://127.0.0.1:1", pem, pem, pem);
        KubeconfigStore.Remove(path, "c1");
        var text = File.ReadAllText(path);
        Assert.Contains("interactiveMode: Never", text);
        Assert.Contains("provideClusterInfo: false", text);
        Assert.Contains("audience: eks", text);
        Assert.Contains("namespace: shop", text);
        Assert.DoesNotContain("...", text);
        Assert.True(KubeconfigStore.HasContext(path, "eks"));
        Assert.False(KubeconfigStore.HasContext(path, "c1"));
    }

    [Fact]
    public void Merge_through_a_symlink_writes_the_target_and_keeps_the_link()
    {
        var target = Path.Combine(_dir, "real-config");
        var link = Path.Combine(_dir, "config");
        File.WriteAllText(target, "apiVersion: v1\nkind: Config\n");
        File.CreateSymbolicLink(link, target);
        byte[] pem = "x"u8.ToArray();
        KubeconfigStore.Merge(link, "c1", "https://127.0.0.1:1", pem, pem, pem);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.True(KubeconfigStore.HasContext(target, "c1"));
    }

    [Fact]
    public void Merge_creates_a_missing_file()
    {
        var path = Path.Combine(_dir, "sub", "new.kubeconfig");
        byte[] pem = "x"u8.ToArray();
        KubeconfigStore.Merge(path, "c1", "https://127.0.0.1:1", pem, pem, pem);
        Assert.True(KubeconfigStore.HasContext(path, "c1"));
    }

    [Theory]
    [InlineData("k8sps", true)]
    [InlineData("k8sps-test-2", true)]
    [InlineData("Bad", false)]
    [InlineData("-x", false)]
    [InlineData("a_b", false)]
    [InlineData("../x", false)]
    public void Names_are_dns_labels(string name, bool valid) => Assert.Equal(valid, LocalClusterPaths.IsValidName(name));

    [Fact]
    public void Missing_binaries_are_named_with_their_full_path()
    {
        File.WriteAllText(Path.Combine(_dir, "etcd"), "");
        File.SetUnixFileMode(Path.Combine(_dir, "etcd"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(_dir, "kube-apiserver"), ""); // not executable
        var missing = KubeBinaries.Missing(_dir);
        Assert.Equal(
            new[] { "kube-apiserver", "kube-controller-manager", "kube-scheduler" }.Select(n => Path.Combine(_dir, n)),
            missing);
    }
}

public sealed class KubeconfigConcurrencyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("k8sps-kc-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public async Task Clusters_merging_at_once_keep_every_entry_and_leave_no_lock()
    {
        byte[] pem = "x"u8.ToArray();
        // Many rounds: a lock let go just as another merger looks at it is a window of microseconds.
        for (var round = 0; round < 40; round++)
        {
            var path = Path.Combine(_dir, $"config-{round}");
            await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
                KubeconfigStore.Merge(path, $"c{i}", $"https://127.0.0.1:{1000 + i}", pem, pem, pem))));
            for (var i = 0; i < 8; i++) Assert.True(KubeconfigStore.HasContext(path, $"c{i}"), $"round {round}: c{i}");
            Assert.False(File.Exists(path + ".lock"));
        }
    }
}

public sealed class ProcessIdentityTests
{
    [Fact]
    public async Task A_recorded_pid_counts_as_ours_only_with_our_binary_and_our_marker()
    {
        var dir = Directory.CreateTempSubdirectory("k8sps-proc-").FullName;
        try
        {
            var info = new System.Diagnostics.ProcessStartInfo("/bin/sleep") { ArgumentList = { "30" }, UseShellExecute = false };
            using var sleeper = System.Diagnostics.Process.Start(info)!;
            Assert.True(ProcessTools.IsRunning(sleeper.Id, "/bin/sleep", " 30"));
            Assert.False(ProcessTools.IsRunning(sleeper.Id, "/bin/sleep", dir + "/"));
            Assert.False(ProcessTools.IsRunning(sleeper.Id, "etcd", " 30"));
            Assert.False(ProcessTools.IsSupervisorOf(sleeper.Id, "k8sps"));
            Assert.True(await ProcessTools.TerminateAsync(sleeper.Id, TimeSpan.FromSeconds(5)));
            Assert.False(ProcessTools.IsAlive(sleeper.Id));
        }
        finally { Directory.Delete(dir); }
    }

    [Fact]
    public void A_process_just_started_is_recognised_at_once()
    {
        // Process.Start returns while exec may not have set the command line yet (about 1 start in 150
        // here): many starts, each looked at at once.
        for (var i = 0; i < 500; i++)
        {
            using var sleeper = System.Diagnostics.Process.Start(
                new System.Diagnostics.ProcessStartInfo("/bin/sleep") { ArgumentList = { "30" }, UseShellExecute = false })!;
            try { Assert.True(ProcessTools.IsRunning(sleeper.Id, "/bin/sleep", " 30"), $"start {i}: [{ProcessTools.CommandLine(sleeper.Id)}]"); }
            finally { sleeper.Kill(); sleeper.WaitForExit(); }
        }
    }
}
