using K8sPS.Engine.LocalCluster;
using K8sPS.LocalCluster.Supervisor;

namespace K8sPS.LocalCluster.Tests;

/// <summary>
/// The supervisor's side of fault injection on a stand-in process (sleep), no cluster: a kill is a crash the
/// supervisor's loop restarts and counts, a stop freezes the process until continued or until its duration ends.
/// </summary>
public sealed class ComponentFaultTests : IAsyncLifetime, IDisposable
{
    private readonly string _logs = Path.Combine(Path.GetTempPath(), "k8sps-fault-tests-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _health = new();
    private ComponentProcess _process = null!;

    public Task InitializeAsync()
    {
        var spec = new ComponentSpec("sleeper", "/bin/sleep", ["300"], new Uri("http://127.0.0.1:9/"), _health);
        _process = new ComponentProcess(spec, _logs, _ => { });
        _process.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _process.DisposeAsync();
        try { Directory.Delete(_logs, recursive: true); } catch (IOException) { }
    }

    public void Dispose() => _health.Dispose();

    private static char StateOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[stat.LastIndexOf(')') + 2];
    }

    private static async Task<char> WaitForStateAsync(int pid, Func<char, bool> wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        char state;
        while (!wanted(state = StateOf(pid)) && DateTime.UtcNow < deadline) await Task.Delay(50);
        return state;
    }

    [Fact]
    public void A_killed_process_is_restarted_as_after_a_crash_and_the_restart_counted()
    {
        var first = _process.State.Pid;
        Assert.Equal(first, _process.Kill(holdOff: null));
        Assert.False(ProcessTools.IsAlive(first));
        Assert.Equal("Killed", _process.State.Fault);

        Assert.True(_process.RestartIfExited());
        Assert.NotEqual(first, _process.State.Pid);
        Assert.True(ProcessTools.IsAlive(_process.State.Pid));
        Assert.Equal(1, _process.State.Restarts);
        Assert.Null(_process.State.Fault);
    }

    [Fact]
    public void A_kill_with_a_duration_holds_the_restart_off()
    {
        _process.Kill(TimeSpan.FromMinutes(5));
        Assert.False(_process.RestartIfExited());
        Assert.Equal(0, _process.State.Restarts);
        Assert.StartsWith("Killed, restarted after", _process.State.Fault, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stopped_process_freezes_until_continued()
    {
        var pid = _process.Pause(duration: null);
        Assert.Equal('T', await WaitForStateAsync(pid, s => s == 'T'));
        Assert.Equal("Stopped", _process.State.Fault);
        Assert.False(_process.ContinueIfDue());

        _process.Resume();
        Assert.NotEqual('T', await WaitForStateAsync(pid, s => s != 'T'));
        Assert.Null(_process.State.Fault);
    }

    [Fact]
    public async Task A_stop_with_a_duration_is_continued_once_it_is_due()
    {
        var pid = _process.Pause(TimeSpan.FromMilliseconds(300));
        Assert.Equal('T', await WaitForStateAsync(pid, s => s == 'T'));
        Assert.StartsWith("Stopped until", _process.State.Fault, StringComparison.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!_process.ContinueIfDue() && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.NotEqual('T', await WaitForStateAsync(pid, s => s != 'T'));
        Assert.Null(_process.State.Fault);
    }

    [Fact]
    public async Task A_restart_on_request_starts_a_new_process_and_counts_it()
    {
        var (old, fresh) = await _process.RestartAsync(TimeSpan.FromSeconds(5));
        Assert.NotEqual(old, fresh);
        Assert.False(ProcessTools.IsAlive(old));
        Assert.True(ProcessTools.IsAlive(fresh));
        Assert.Equal(1, _process.State.Restarts);
    }

    [Fact]
    public async Task A_stopped_process_still_stops_when_the_cluster_stops()
    {
        var pid = _process.Pause(duration: null);
        await _process.StopAsync(TimeSpan.FromSeconds(5));
        Assert.True(await ProcessTools.WaitForExitAsync(pid, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Nothing_to_kill_once_stopped_is_refused()
    {
        await _process.StopAsync(TimeSpan.FromSeconds(5));
        var e = Assert.Throws<InvalidOperationException>(() => _process.Kill(null));
        Assert.Contains("sleeper is not running", e.Message, StringComparison.Ordinal);
    }
}
