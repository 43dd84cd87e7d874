using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Waits;

namespace K8sPS.Engine.Rollouts;

/// <summary>
/// <c>kubectl rollout status</c>: a watch on the one object (field selector metadata.name, resumed when the
/// connection drops, as client-go's UntilWithSync), <see cref="RolloutStatus"/> on every version seen, until
/// it says done, fails (ProgressDeadlineExceeded, another revision), the object is deleted, or the timeout
/// passes.
/// </summary>
public static class RolloutWaiter
{
    /// <summary>
    /// Waits for the rollout of the Deployment, StatefulSet or DaemonSet <paramref name="name"/>.
    /// <paramref name="timeout"/> null or zero waits as long as it takes (kubectl's --timeout=0).
    /// <paramref name="progress"/> hears each status whose message differs from the one before.
    /// </summary>
    public static async Task<RolloutWaitResult> WaitAsync(ObjectWatch watch, string kind, string ns, string name, long revision = 0,
        TimeSpan? timeout = null, Action<RolloutStatusResult>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(watch);
        ArgumentException.ThrowIfNullOrEmpty(name);
        kind = WorkloadKinds.Resolve(kind, WorkloadKinds.Rollout, "rollout status");
        var started = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout is { } t && t > TimeSpan.Zero) limit.CancelAfter(t);
        RolloutStatusResult? last = null;
        var seen = false;
        try
        {
            await foreach (var e in watch.WatchAsync(WorkloadKinds.CollectionPath(kind, ns), "metadata.name=" + name, null, limit.Token).ConfigureAwait(false))
            {
                switch (e.Type)
                {
                    case WatchEventKind.Synced when !seen:
                        throw new K8sException(new K8sError("NotFound", K8sErrorCategory.NotFound,
                            $"{WorkloadKinds.Resource(kind)} \"{name}\" not found in namespace \"{ns}\"")
                        { Kind = kind, Name = name, Namespace = ns });
                    case WatchEventKind.Deleted:
                        throw new K8sException(new K8sError("ObjectDeleted", K8sErrorCategory.NotFound,
                            $"{WorkloadKinds.TypeName(kind)}/{name} was deleted while its rollout was watched (object has been deleted)"
                            + (last is null ? "" : $"; last seen: {last.Message}"))
                        {
                            Kind = kind,
                            Name = name,
                            Namespace = ns,
                            RecommendedAction = "The object was deleted (and perhaps created again): wait again on the new one.",
                        });
                    case WatchEventKind.Added or WatchEventKind.Modified:
                        seen = true;
                        var workload = Typed(kind, e.Object!);
                        var status = RolloutStatus.For(workload, revision);
                        if (last is null || last.Message != status.Message) progress?.Invoke(status);
                        last = status;
                        if (status.Done) return Result(kind, ns, name, status, started.Elapsed, workload);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && timeout is not null)
        {
            throw new K8sException(new K8sError("WaitTimeout", K8sErrorCategory.Timeout,
                $"timed out waiting for the rollout of {WorkloadKinds.TypeName(kind)}/{name} after {GoDuration.Format(timeout!.Value)}"
                + (last is null ? "" : $"; last seen: {last.Message}"))
            {
                Kind = kind,
                Name = name,
                Namespace = ns,
                RecommendedAction = "Wait longer (-Timeout), or look at the new pods and their events (Get-K8sEvent) for why they do not become ready.",
            });
        }
        throw new InvalidOperationException("The watch ended without an answer.");
    }

    /// <summary>The status of a workload as one result, for a caller that looked at it once.</summary>
    public static RolloutWaitResult Result(string kind, string ns, string name, RolloutStatusResult status, TimeSpan elapsed, object workload)
    {
        ArgumentNullException.ThrowIfNull(status);
        return workload switch
        {
            V1Deployment d => new RolloutWaitResult(kind, name, ns, status.Message, status.Done,
                RolloutHistory.TryRevision(d.Metadata, out var r) && r > 0 ? r : null, d.Spec?.Replicas,
                d.Status?.UpdatedReplicas ?? 0, d.Status?.ReadyReplicas ?? 0, d.Status?.AvailableReplicas ?? 0, elapsed, d),
            V1StatefulSet s => new RolloutWaitResult(kind, name, ns, status.Message, status.Done, null, s.Spec?.Replicas,
                s.Status?.UpdatedReplicas ?? 0, s.Status?.ReadyReplicas ?? 0, s.Status?.AvailableReplicas ?? 0, elapsed, s),
            V1DaemonSet ds => new RolloutWaitResult(kind, name, ns, status.Message, status.Done, null, ds.Status?.DesiredNumberScheduled,
                ds.Status?.UpdatedNumberScheduled ?? 0, ds.Status?.NumberReady ?? 0, ds.Status?.NumberAvailable ?? 0, elapsed, ds),
            _ => throw new ArgumentException($"{workload?.GetType().Name} has no rollout.", nameof(workload)),
        };
    }

    private static object Typed(string kind, JsonObject obj)
    {
        var json = obj.ToJsonString();
        return kind switch
        {
            WorkloadKinds.Deployment => KubernetesJson.Deserialize<V1Deployment>(json),
            WorkloadKinds.StatefulSet => KubernetesJson.Deserialize<V1StatefulSet>(json),
            _ => KubernetesJson.Deserialize<V1DaemonSet>(json),
        };
    }
}
