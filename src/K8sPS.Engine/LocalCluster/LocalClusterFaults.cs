using System.Text.Json;
using System.Text.Json.Serialization;

namespace K8sPS.Engine.LocalCluster;

/// <summary>
/// Fault injection on a local cluster, both sides of it. The cmdlet writes a request file into the cluster's
/// faults/ folder and waits for the supervisor's result file; the supervisor, which owns the processes (and so
/// restarts a killed one as after any crash, counting the restart), takes the requests on its loop. Files, not
/// signals to recorded pids: only the supervisor knows whether a pid is still its child, and a Stop with a
/// duration must be continued by someone who is still there when it ends.
/// </summary>
public static class LocalClusterFaults
{
    /// <summary>The components a fault can be injected into, in start order.</summary>
    public static IReadOnlyList<string> Components { get; } = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"];

    private const string RequestSuffix = ".request.json";
    private const string ResultSuffix = ".result.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string FaultsDir(string clusterDir) => Path.Combine(clusterDir, "faults");

    /// <summary>Refuses what no supervisor could do: an unknown component, a duration on Continue or Restart, a duration not above zero.</summary>
    public static void Validate(string cluster, LocalClusterFaultRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Components.Contains(request.Component, StringComparer.Ordinal))
            throw LocalClusterErrors.Create(LocalClusterErrors.InvalidFaultId, request.Component,
                $"'{request.Component}' is not a component of local cluster '{cluster}'; use one of {string.Join(", ", Components)}.");
        if (request.Duration is { } d)
        {
            if (request.Action is LocalClusterFaultAction.Continue or LocalClusterFaultAction.Restart)
                throw LocalClusterErrors.Create(LocalClusterErrors.InvalidFaultId, request.Component,
                    $"-Duration applies to Stop (continued after it) and Kill (restarted no sooner), not to {request.Action}.");
            if (d <= TimeSpan.Zero || d > TimeSpan.FromHours(1))
                throw LocalClusterErrors.Create(LocalClusterErrors.InvalidFaultId, request.Component,
                    $"-Duration must be above zero and at most 1 hour, not {d}.");
        }
    }

    /// <summary>
    /// Asks the supervisor of <paramref name="cluster"/> for <paramref name="request"/> and returns what it did.
    /// Fails when the cluster is not running, when the supervisor could not do it, or gives no answer within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<LocalClusterFaultResult> SubmitAsync(string cluster, LocalClusterFaultRequest request, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(cluster, request);
        var info = LocalClusterManager.Get(cluster) ?? throw LocalClusterErrors.Create(LocalClusterErrors.NotFoundId, cluster,
            $"Local cluster '{cluster}' does not exist (no state in {LocalClusterPaths.ClusterDir(cluster)}). Get-K8sLocalCluster lists the clusters there are.");
        if (info.State != "Running")
            throw LocalClusterErrors.Create(LocalClusterErrors.NotRunningId, cluster,
                $"Local cluster '{cluster}' is {info.State}, not Running: faults are injected into a running cluster. Start it with: Start-K8sLocalCluster -Name {cluster}");

        var dir = FaultsDir(info.Folder);
        LocalClusterPaths.CreatePrivateDirectory(dir);
        var requestPath = Path.Combine(dir, request.Id + RequestSuffix);
        var resultPath = Path.Combine(dir, request.Id + ResultSuffix);
        LocalClusterPaths.WritePrivateFile(requestPath, JsonSerializer.Serialize(request, Json));
        var deadline = DateTimeOffset.UtcNow + timeout;
        try
        {
            while (true)
            {
                if (TryRead<LocalClusterFaultResult>(resultPath) is { } result)
                {
                    File.Delete(resultPath);
                    if (!result.Succeeded)
                        throw LocalClusterErrors.Create(LocalClusterErrors.FaultFailedId, cluster,
                            $"{request.Action} of {request.Component} in local cluster '{cluster}' failed: {result.Message}");
                    return result;
                }
                if (DateTimeOffset.UtcNow > deadline)
                    throw LocalClusterErrors.Create(LocalClusterErrors.FaultTimeoutId, cluster,
                        $"the supervisor of local cluster '{cluster}' did not answer the {request.Action} of {request.Component} within {timeout.TotalSeconds:0} s; see {LocalClusterPaths.LogsDir(info.Folder)}");
                await Task.Delay(50, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            // An unanswered request must not fire later, when nobody waits for it any more.
            try { File.Delete(requestPath); } catch (IOException) { }
        }
    }

    /// <summary>The supervisor's side: the requests waiting in <paramref name="clusterDir"/>, oldest first, each removed as it is taken.</summary>
    public static IReadOnlyList<LocalClusterFaultRequest> TakePending(string clusterDir)
    {
        var dir = FaultsDir(clusterDir);
        if (!Directory.Exists(dir)) return [];
        var taken = new List<LocalClusterFaultRequest>();
        foreach (var path in Directory.GetFiles(dir, "*" + RequestSuffix))
        {
            var request = TryRead<LocalClusterFaultRequest>(path);
            try { File.Delete(path); } catch (IOException) { continue; }
            var id = Path.GetFileName(path)[..^RequestSuffix.Length];
            if (request is null)
            {
                WriteResult(clusterDir, new LocalClusterFaultResult { Id = id, Succeeded = false, DoneAt = DateTimeOffset.UtcNow, Message = "the request file could not be read" });
                continue;
            }
            request.Id = id;
            taken.Add(request);
        }
        return taken.OrderBy(r => r.RequestedAt).ToList();
    }

    /// <summary>The supervisor's answer to one request, for the waiting cmdlet.</summary>
    public static void WriteResult(string clusterDir, LocalClusterFaultResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        LocalClusterPaths.WritePrivateFile(Path.Combine(FaultsDir(clusterDir), result.Id + ResultSuffix), JsonSerializer.Serialize(result, Json));
    }

    private static T? TryRead<T>(string path) where T : class
    {
        try { return File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json) : null; }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException) { return null; }
    }
}
