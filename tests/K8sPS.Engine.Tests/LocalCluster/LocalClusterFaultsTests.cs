using K8sPS.Engine.Errors;
using K8sPS.Engine.LocalCluster;

namespace K8sPS.Engine.Tests.LocalCluster;

/// <summary>The request and result files between Invoke-K8sLocalClusterFault and the supervisor, and what is refused before either.</summary>
public sealed class LocalClusterFaultsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "k8sps-faults-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Theory]
    [InlineData("kubelet", LocalClusterFaultAction.Kill, null, "'kubelet' is not a component")]
    [InlineData("etcd", LocalClusterFaultAction.Continue, 5.0, "not to Continue")]
    [InlineData("etcd", LocalClusterFaultAction.Restart, 5.0, "not to Restart")]
    [InlineData("etcd", LocalClusterFaultAction.Stop, 0.0, "above zero")]
    public void Requests_no_supervisor_could_do_are_refused(string component, LocalClusterFaultAction action, double? seconds, string says)
    {
        var request = new LocalClusterFaultRequest { Component = component, Action = action, Duration = seconds is { } s ? TimeSpan.FromSeconds(s) : null };
        var e = Assert.Throws<K8sException>(() => LocalClusterFaults.Validate("dev", request));
        Assert.Equal(LocalClusterErrors.InvalidFaultId, e.Error.ErrorId);
        Assert.Equal(K8sErrorCategory.InvalidArgument, e.Error.Category);
        Assert.Contains(says, e.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_supervisor_takes_each_request_once_oldest_first_and_answers_by_its_id()
    {
        var faults = LocalClusterFaults.FaultsDir(_dir);
        Directory.CreateDirectory(faults);
        var later = new LocalClusterFaultRequest { Component = "etcd", Action = LocalClusterFaultAction.Kill, RequestedAt = DateTimeOffset.UtcNow };
        var earlier = new LocalClusterFaultRequest { Component = "kube-apiserver", Action = LocalClusterFaultAction.Stop, Duration = TimeSpan.FromSeconds(5), RequestedAt = later.RequestedAt.AddSeconds(-1) };
        foreach (var r in new[] { later, earlier })
            File.WriteAllText(Path.Combine(faults, r.Id + ".request.json"), System.Text.Json.JsonSerializer.Serialize(r, new System.Text.Json.JsonSerializerOptions { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } }));
        File.WriteAllText(Path.Combine(faults, "garbled.request.json"), "{not json");

        var taken = LocalClusterFaults.TakePending(_dir);
        Assert.Equal([earlier.Id, later.Id], taken.Select(r => r.Id));
        Assert.Equal(TimeSpan.FromSeconds(5), taken[0].Duration);
        Assert.Equal(LocalClusterFaultAction.Stop, taken[0].Action);
        Assert.Empty(LocalClusterFaults.TakePending(_dir));
        // An unreadable request is answered, so whoever waits for it hears why.
        Assert.True(File.Exists(Path.Combine(faults, "garbled.result.json")));
        Assert.Contains("could not be read", File.ReadAllText(Path.Combine(faults, "garbled.result.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_that_does_not_exist_is_not_found_and_nothing_is_written()
    {
        var home = Environment.GetEnvironmentVariable("K8SPS_HOME");
        Environment.SetEnvironmentVariable("K8SPS_HOME", _dir);
        try
        {
            var e = await Assert.ThrowsAsync<K8sException>(() => LocalClusterFaults.SubmitAsync("nowhere",
                new LocalClusterFaultRequest { Component = "etcd", Action = LocalClusterFaultAction.Kill }, TimeSpan.FromSeconds(1), CancellationToken.None));
            Assert.Equal(LocalClusterErrors.NotFoundId, e.Error.ErrorId);
            Assert.False(Directory.Exists(LocalClusterFaults.FaultsDir(LocalClusterPaths.ClusterDir("nowhere"))));
        }
        finally { Environment.SetEnvironmentVariable("K8SPS_HOME", home); }
    }
}
