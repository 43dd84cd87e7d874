using System.Text.Json.Nodes;
using k8s.Models;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// What a simulated node's kubelet endpoint answers (pkg/kubelet/server): container logs computed
/// from each container's <see cref="ContainerPlan"/> with the kubelet's options and error texts
/// (validateContainerLogStatus), and, for exec, attach, run and port-forward, a clear error that the
/// node is simulated (no container runs anywhere).
/// </summary>
internal sealed class KubeletApi
{
    public delegate (V1Pod Pod, PodTimeline? Timeline)? FindPod(string nodeName, string ns, string name);

    private static readonly TimeSpan FollowPoll = TimeSpan.FromMilliseconds(200);
    private readonly FindPod _findPod;
    private readonly TimeProvider _clock;

    public KubeletApi(FindPod findPod, TimeProvider clock)
    {
        _findPod = findPod;
        _clock = clock;
    }

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    public async Task HandleAsync(SimulatedNodeIdentity node, KubeletHttpRequest request, KubeletHttpResponse response, CancellationToken ct)
    {
        var parts = request.Path.Trim('/').Split('/');
        switch (parts[0])
        {
            case "healthz":
                await response.WriteAsync(200, "text/plain; charset=utf-8", "ok", ct).ConfigureAwait(false);
                return;
            case "containerLogs" when parts.Length == 4:
                await LogsAsync(node, parts[1], parts[2], parts[3], request, response, ct).ConfigureAwait(false);
                return;
            case "exec" or "attach" or "run" or "portForward":
                await NotSimulatedAsync(node, parts, response, ct).ConfigureAwait(false);
                return;
            default:
                await response.WriteAsync(404, "text/plain; charset=utf-8",
                    $"{request.Path} is not served by simulated node {node.Name}: only /containerLogs (and /healthz) are", ct).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>
    /// The message users see through kubectl (the API server passes the kubelet's Status on). A
    /// metav1.Status, so both kubectl's SPDY and WebSocket dialers show it as the server's error.
    /// </summary>
    public static string NotSimulatedMessage(string nodeName, string what, string ns, string pod, string? container) =>
        $"{what} is not available on simulated node {nodeName}: the K8sPS local cluster's nodes run no containers " +
        $"(pod {ns}/{pod}{(container is null ? "" : $", container {container}")}). Use kubectl logs, or a real cluster for {what}";

    private static Task NotSimulatedAsync(SimulatedNodeIdentity node, string[] parts, KubeletHttpResponse response, CancellationToken ct)
    {
        var what = parts[0] switch { "portForward" => "port-forward", "run" => "exec", _ => parts[0] };
        var message = NotSimulatedMessage(node.Name, what, parts.ElementAtOrDefault(1) ?? "", parts.ElementAtOrDefault(2) ?? "", parts.ElementAtOrDefault(3));
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = "BadRequest",
            ["code"] = 400,
        };
        return response.WriteAsync(400, "application/json", status.ToJsonString(), ct);
    }

    private async Task LogsAsync(SimulatedNodeIdentity node, string ns, string podName, string containerName, KubeletHttpRequest request, KubeletHttpResponse response, CancellationToken ct)
    {
        const string Text = "text/plain; charset=utf-8";
        var query = ContainerLogQuery.Parse(request.Query, out var invalid);
        if (query is null)
        {
            await response.WriteAsync(422, Text, $"{{\"message\": \"{invalid}\"}}", ct).ConfigureAwait(false);
            return;
        }
        if (_findPod(node.Name, ns, podName) is not { } found)
        {
            await response.WriteAsync(404, Text, $"pod \"{podName}\" does not exist", ct).ConfigureAwait(false);
            return;
        }
        var (pod, timeline) = found;
        var plan = timeline?.AllContainers.FirstOrDefault(p => p.Behaviour.Name == containerName);
        var inSpec = pod.Spec.Containers.Any(c => c.Name == containerName) || (pod.Spec.InitContainers?.Any(c => c.Name == containerName) ?? false);
        if (!inSpec)
        {
            await response.WriteAsync(404, Text, $"container \"{containerName}\" not found in pod \"{podName}\"", ct).ConfigureAwait(false);
            return;
        }
        var now = Now;
        var (run, problem) = plan is null ? (null, $"container \"{containerName}\" in pod \"{podName}\" is waiting to start: ContainerCreating") : ChooseRun(plan, podName, query.Previous, now);
        if (run is null)
        {
            await response.WriteAsync(400, Text, problem!, ct).ConfigureAwait(false);
            return;
        }

        await response.BeginChunkedAsync(Text, ct).ConfigureAwait(false);
        var lines = plan!.LogOf(run, node.Name, now).ToList();
        var sent = 0L;
        foreach (var line in query.Select(lines, now))
        {
            if (!await SendAsync(line).ConfigureAwait(false)) { await response.EndAsync(ct).ConfigureAwait(false); return; }
        }
        var written = lines.Count;

        // -f: go on with what the run writes, until it ends (as the CRI reader stops at the container's exit) or the pod goes.
        while (query.Follow && !query.Previous && !ct.IsCancellationRequested && (run.Ended is not { } end || end > now))
        {
            await Task.Delay(FollowPoll, ct).ConfigureAwait(false);
            now = Now;
            if (_findPod(node.Name, ns, podName) is not { } still || still.Pod.Metadata.Uid != pod.Metadata.Uid) break;
            lines = plan.LogOf(run, node.Name, now).ToList();
            for (; written < lines.Count; written++)
                if (!await SendAsync(lines[written]).ConfigureAwait(false)) { await response.EndAsync(ct).ConfigureAwait(false); return; }
        }
        await response.EndAsync(ct).ConfigureAwait(false);

        async Task<bool> SendAsync((DateTime At, string Line) line)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(query.Format(line));
            if (query.LimitBytes is { } limit)
            {
                if (sent >= limit) return false;
                if (sent + bytes.Length > limit) bytes = bytes[..(int)(limit - sent)];
            }
            sent += bytes.Length;
            await response.WriteChunkAsync(bytes, ct).ConfigureAwait(false);
            return true;
        }
    }

    /// <summary>Which run's log the kubelet serves, by the container's status now (validateContainerLogStatus); else the error it gives.</summary>
    private static (ContainerRun? Run, string? Problem) ChooseRun(ContainerPlan plan, string podName, bool previous, DateTime now)
    {
        var name = plan.Behaviour.Name;
        var (status, _) = plan.AttemptFrom <= now ? plan.StatusAt(now) : (new V1ContainerStatus { State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "PodInitializing" } } }, now);
        string? id;
        if (previous)
        {
            id = status.LastState?.Terminated?.ContainerID;
            if (string.IsNullOrEmpty(id)) return (null, $"previous terminated container \"{name}\" in pod \"{podName}\" not found");
        }
        else if (status.State?.Running is not null) id = status.ContainerID;
        else if (status.State?.Terminated is { } terminated) id = terminated.ContainerID ?? status.LastState?.Terminated?.ContainerID;
        else if (status.LastState?.Terminated is { } last) id = last.ContainerID;
        else
        {
            var reason = status.State?.Waiting?.Reason;
            return (null, reason switch
            {
                "ErrImagePull" => $"container \"{name}\" in pod \"{podName}\" is waiting to start: image can't be pulled",
                "ImagePullBackOff" => $"container \"{name}\" in pod \"{podName}\" is waiting to start: trying and failing to pull image",
                null => $"container \"{name}\" in pod \"{podName}\" is waiting to start - no logs yet",
                _ => $"container \"{name}\" in pod \"{podName}\" is waiting to start: {reason}",
            });
        }
        var run = plan.Runs(now).FirstOrDefault(r => plan.ContainerId(r.Number) == id);
        return run is null ? (null, $"container \"{name}\" in pod \"{podName}\" is terminated") : (run, null);
    }
}
