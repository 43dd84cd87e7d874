using System.Collections.Concurrent;
using System.Globalization;
using k8s;
using k8s.Autorest;
using k8s.Models;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Display;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Resources;

namespace K8sPS.Engine.Nodes;

/// <summary>
/// Drains a node as kubectl drain does (staging/src/k8s.io/kubectl/pkg/drain/drain.go), once it is cordoned: lists its
/// pods, plans with <see cref="DrainPlanner"/>, then evicts every pod at once through the Eviction API when the server
/// serves it (so PodDisruptionBudgets are respected), else deletes them, and waits until each is gone. An eviction a
/// budget refuses (429) is retried every <see cref="RetryInterval"/>, and each refusal is reported with the pod it
/// waits for and the budget's reason; -Timeout ends the wait with the pods still there.
/// </summary>
public sealed class NodeDrainer
{
    private readonly K8sConnection _connection;
    private readonly DrainOptions _options;
    private readonly Action<DrainProgress> _report;

    public NodeDrainer(K8sConnection connection, DrainOptions options, Action<DrainProgress>? report = null)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _report = report ?? (_ => { });
    }

    /// <summary>How long kubectl waits after a refused eviction before it asks again.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a pod is read again while waiting for it to be gone (kubectl: every second).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The node's pods (all namespaces, narrowed by -PodSelector) and what draining does with each.</summary>
    public async Task<DrainPlan> PlanAsync(string node, CancellationToken ct)
    {
        var pods = new List<V1Pod>();
        await foreach (var pod in PodOperations.ListAsync(_connection, null, _options.PodSelector, "spec.nodeName=" + node, ct).ConfigureAwait(false))
            pods.Add(pod);
        var daemonSets = new Dictionary<(string, string), DaemonSetState>();
        foreach (var pod in pods)
        {
            if (DrainPlanner.ControllerOf(pod) is not { Kind: "DaemonSet" } owner) continue;
            var key = (pod.Metadata.NamespaceProperty, owner.Name);
            if (!daemonSets.ContainsKey(key)) daemonSets[key] = await DaemonSetStateAsync(key.Item1, key.Item2, ct).ConfigureAwait(false);
        }
        return DrainPlanner.Plan(node, pods, _options, (ns, name) => daemonSets[(ns, name)]);
    }

    /// <summary>
    /// Evicts (or deletes) the plan's pods and waits until they are gone. Throws one <see cref="K8sException"/> naming
    /// every pod that is still there (DrainTimeout when the time ran out, DrainFailed for a refusal other than a budget's).
    /// </summary>
    public async Task<NodeDrainResult> DrainAsync(DrainPlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var pods = plan.PodsToEvict;
        var evicted = new ConcurrentQueue<string>();
        if (pods.Count > 0)
        {
            var policyVersion = _options.DisableEviction ? null : await EvictionSupport.PolicyGroupVersionAsync(_connection.Rest, ct).ConfigureAwait(false);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (_options.Timeout > TimeSpan.Zero) deadline.CancelAfter(_options.Timeout);
            var done = 0;
            var outcomes = await Task.WhenAll(pods.Select(pod => DrainPodAsync(plan.Node, pod, policyVersion, pods.Count, () => Interlocked.Increment(ref done), evicted, deadline.Token, ct)))
                .ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            var failed = outcomes.Where(o => o is not null).Select(o => o!).ToList();
            if (failed.Count > 0) throw Failure(plan.Node, failed, pods.Count);
        }
        return new NodeDrainResult(plan.Node, evicted.ToList(), plan.Ignored, plan.Warnings);
    }

    /// <summary>Why a pod is still there after its drain ended; null when it is gone.</summary>
    private sealed record PodProblem(string Pod, string Problem, bool TimedOut);

    private async Task<PodProblem?> DrainPodAsync(string node, V1Pod pod, string? policyVersion, int total, Func<int> countDone,
        ConcurrentQueue<string> evicted, CancellationToken deadline, CancellationToken ct)
    {
        var ns = pod.Metadata.NamespaceProperty;
        var name = pod.Metadata.Name;
        var display = $"{ns}/{name}";
        string? problem = null;
        try
        {
            if (policyVersion is null)
            {
                _report(new DrainProgress(DrainStep.Deleting, node, display, $"deleting pod {display}", 0, total));
                var r = await _connection.Rest.SendAsync(HttpMethod.Delete, PodPath(ns, name) + EvictionSupport.DeleteQuery(_options.GracePeriodSeconds), null, null, deadline).ConfigureAwait(false);
                if (!r.IsSuccess && r.StatusCode != 404) return Refused(node, display, ErrorMapper.FromStatus(r.StatusCode, r.Body, "Pod", name, ns), total);
                problem = "deleted, but not gone yet";
            }
            else
            {
                while (true)
                {
                    _report(new DrainProgress(DrainStep.Evicting, node, display, $"evicting pod {display}", 0, total));
                    var body = EvictionSupport.Body(ns, name, policyVersion, _options.GracePeriodSeconds);
                    var r = await _connection.Rest.SendAsync(HttpMethod.Post, EvictionSupport.Path(ns, name), body, "application/json", deadline).ConfigureAwait(false);
                    if (r.IsSuccess) break;
                    if (r.StatusCode == 404) return Gone(node, display, total, countDone, evicted, policyVersion);
                    var error = ErrorMapper.FromStatus(r.StatusCode, r.Body, "Pod", name, ns);
                    var terminating = error.Causes.Any(c => c.Reason == "NamespaceTerminating");
                    if (r.StatusCode == 403 && terminating && pod.Metadata.DeletionTimestamp is not null) break;
                    if (r.StatusCode == 429 || (r.StatusCode == 403 && terminating))
                    {
                        var reason = Reason(error);
                        problem = "its eviction is refused: " + reason;
                        _report(new DrainProgress(DrainStep.Waiting, node, display,
                            $"waiting for pod {display}: {reason} (retrying every {RetryInterval.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s)", 0, total));
                        await Task.Delay(RetryInterval, deadline).ConfigureAwait(false);
                        continue;
                    }
                    return Refused(node, display, error, total);
                }
                problem = "evicted, but not gone yet";
            }
            await WaitGoneAsync(ns, name, pod.Metadata.Uid, deadline).ConfigureAwait(false);
            return Gone(node, display, total, countDone, evicted, policyVersion);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return new PodProblem(display, problem ?? "not evicted yet", TimedOut: true);
        }
    }

    private PodProblem? Gone(string node, string display, int total, Func<int> countDone, ConcurrentQueue<string> evicted, string? policyVersion)
    {
        evicted.Enqueue(display);
        var done = countDone();
        var pod = display[(display.IndexOf('/', StringComparison.Ordinal) + 1)..];
        _report(policyVersion is null
            ? new DrainProgress(DrainStep.Deleted, node, display, $"pod/{pod} deleted", done, total)
            : new DrainProgress(DrainStep.Evicted, node, display, $"pod/{pod} evicted", done, total));
        return null;
    }

    private PodProblem Refused(string node, string display, K8sError error, int total)
    {
        var text = $"error when evicting pods/\"{display[(display.IndexOf('/', StringComparison.Ordinal) + 1)..]}\" -n \"{display[..display.IndexOf('/', StringComparison.Ordinal)]}\": {Reason(error)}";
        _report(new DrainProgress(DrainStep.Failed, node, display, text, 0, total));
        return new PodProblem(display, text, TimedOut: false);
    }

    /// <summary>The server's message with its causes: a budget's refusal says which budget and how many pods it needs.</summary>
    internal static string Reason(K8sError error)
    {
        var causes = error.Causes.Select(c => c.Message).Where(m => !string.IsNullOrEmpty(m) && !error.Message.Contains(m, StringComparison.Ordinal)).ToList();
        return causes.Count == 0 ? error.Message : error.Message + " " + string.Join(" ", causes);
    }

    /// <summary>Until the pod is not found, or a pod of the same name but another UID took its place.</summary>
    private async Task WaitGoneAsync(string ns, string name, string? uid, CancellationToken ct)
    {
        while (true)
        {
            var r = await _connection.Rest.GetAsync(PodPath(ns, name), ct).ConfigureAwait(false);
            if (r.StatusCode == 404) return;
            if (!r.IsSuccess) throw new K8sException(ErrorMapper.FromStatus(r.StatusCode, r.Body, "Pod", name, ns));
            if (uid is not null && r.Json?["metadata"]?["uid"]?.GetValue<string>() != uid) return;
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    private async Task<DaemonSetState> DaemonSetStateAsync(string ns, string name, CancellationToken ct)
    {
        try
        {
            await _connection.Client.AppsV1.ReadNamespacedDaemonSetAsync(name, ns, cancellationToken: ct).ConfigureAwait(false);
            return new DaemonSetState(true, false, null);
        }
        catch (HttpOperationException e)
        {
            var error = ErrorMapper.FromStatus((int)e.Response.StatusCode, e.Response.Content, "DaemonSet", name, ns);
            return new DaemonSetState(false, (int)e.Response.StatusCode == 404, error.Message);
        }
    }

    private K8sException Failure(string node, List<PodProblem> problems, int total)
    {
        var timedOut = problems.Any(p => p.TimedOut);
        var pending = string.Join(", ", problems.Select(p => p.Pod));
        var detail = string.Join(Environment.NewLine, problems.Select(p => $"  {p.Pod}: {p.Problem}"));
        var message = timedOut
            ? $"node \"{node}\" was not drained within {Display.Columns.HumanDuration(_options.Timeout)}: {problems.Count} of {total} pod(s) still there ({pending}){Environment.NewLine}{detail}"
            : $"unable to drain node \"{node}\": {problems.Count} of {total} pod(s) not evicted ({pending}){Environment.NewLine}{detail}";
        return new K8sException(new K8sError(timedOut ? "DrainTimeout" : "DrainFailed", timedOut ? K8sErrorCategory.Timeout : K8sErrorCategory.OperationFailed, message)
        {
            Kind = "Node",
            Name = node,
            Causes = problems.Select(p => new K8sErrorCause(null, timedOut ? "Timeout" : "EvictionFailed", $"{p.Pod}: {p.Problem}")).ToList(),
            RecommendedAction = "The node stays cordoned. When a PodDisruptionBudget holds a pod back, wait until the workload has healthy pods elsewhere "
                + "(or change the budget) and run Clear-K8sNode again; Enable-K8sNodeScheduling makes the node schedulable again.",
        });
    }

    private static string PodPath(string ns, string name) => $"/api/v1/namespaces/{Uri.EscapeDataString(ns)}/pods/{Uri.EscapeDataString(name)}";
}
