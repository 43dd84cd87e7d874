using System.Collections.Concurrent;
using K8sPS.Engine.Api;
using K8sPS.Engine.Concurrency;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Apply;

/// <summary>
/// Deletes objects of any kinds in the order apply's reverse needs: the objects first, then the namespaces and
/// CRDs that hold them (deleting a CRD deletes its objects, so deleting both at once races into NotFound errors).
/// Deletes are sent with bounded concurrency and not waited for one by one (kubectl delete -f waits for each in
/// turn); with a wait, every deleted object is waited for at the end. After a CRD is deleted the cached discovery
/// is dropped, since it would still offer the CRD's kinds. A connection that fails stops the sending: that target has the
/// connection error, those in flight then an error of their own, and every one left a "not sent" error.
/// </summary>
public sealed class ResourceDeleter
{
    private readonly KubeRest _rest;
    private readonly ResourceClient _client;

    public ResourceDeleter(KubeRest rest)
    {
        _rest = rest;
        _client = new ResourceClient(rest);
    }

    /// <summary>
    /// Deletes <paramref name="targets"/>; <paramref name="onResult"/> hears each one as soon as it is known (from
    /// any thread): once when its delete is answered, and, with <paramref name="waitTimeout"/>, a second time if it
    /// is not gone in time. Only cancellation ends the call early.
    /// </summary>
    /// <param name="stopAtFirstFailure">-ErrorAction Stop: once a delete has failed, no other is started (those not started have no result).</param>
    public async Task DeleteAsync(IReadOnlyList<DeleteTarget> targets, string propagation, int concurrency, TimeSpan? waitTimeout,
        Action<DeleteResult> onResult, CancellationToken ct, bool stopAtFirstFailure = false)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(onResult);
        var deleted = new ConcurrentQueue<DeleteTarget>();
        var connectionFailed = 0; // once set, nothing more is sent: every target left is told so
        var anyFailed = 0;
        foreach (var tier in targets.GroupBy(t => ManifestApplier.HoldsOthers(t.Resource.Kind)).OrderBy(g => g.Key))
            PassOnCancellation(await BoundedRunner<DeleteTarget>.RunAllAsync(tier, concurrency, async (t, c) =>
            {
                if (stopAtFirstFailure && Volatile.Read(ref anyFailed) == 1) return;
                if (Volatile.Read(ref connectionFailed) == 1)
                {
                    onResult(new DeleteResult(t, false, RequestFailures.NotSent(Quoted(t), t.Resource.Kind, t.Name, t.Namespace, "Remove")));
                    return;
                }
                var result = await DeleteOneAsync(t, propagation, c).ConfigureAwait(false);
                if (result.Deleted) deleted.Enqueue(t);
                // The first failed connection is the command's one error; the others in flight then are each their object's own.
                if (result.Error is { IsConnectionFailure: true } lost && Interlocked.Exchange(ref connectionFailed, 1) == 1)
                    result = result with { Error = RequestFailures.Unanswered(lost, Quoted(t), t.Resource.Kind, t.Name, t.Namespace, "Remove") };
                if (result.Error is not null) Interlocked.Exchange(ref anyFailed, 1);
                onResult(result);
            }, ct).ConfigureAwait(false));
        if (deleted.Any(d => d.Resource.Kind == "CustomResourceDefinition")) ApiCatalog.Invalidate(_rest);

        // Without a connection, waiting would only spend the timeout: what was deleted was reported so.
        if (waitTimeout is not { } timeout || Volatile.Read(ref connectionFailed) == 1 || (stopAtFirstFailure && Volatile.Read(ref anyFailed) == 1)) return;
        PassOnCancellation(await BoundedRunner<DeleteTarget>.RunAllAsync(deleted, concurrency, async (t, c) =>
        {
            try { await _client.WaitDeletedAsync(t.Resource, t.Namespace, t.Name, null, timeout, c).ConfigureAwait(false); }
            catch (Exception e) when (e is not OperationCanceledException || !c.IsCancellationRequested)
            {
                onResult(new DeleteResult(t, true, ErrorMapper.Map(e, t.Resource.Kind, t.Name, t.Namespace)));
            }
        }, ct).ConfigureAwait(false));
    }

    private async Task<DeleteResult> DeleteOneAsync(DeleteTarget t, string propagation, CancellationToken ct)
    {
        try
        {
            return await _client.DeleteAsync(t.Resource, t.Namespace, t.Name, dryRun: false, propagation, ct).ConfigureAwait(false)
                ? new DeleteResult(t, true, null)
                : new DeleteResult(t, false, ResourceClient.NotFound(t.Resource, t.Name, t.Namespace));
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new DeleteResult(t, false, ErrorMapper.Map(e, t.Resource.Kind, t.Name, t.Namespace));
        }
    }

    /// <summary>configmaps "cm-1" (in namespace "x"), as kubectl names an object in its errors.</summary>
    private static string Quoted(DeleteTarget t) =>
        $"{t.Resource.QualifiedPlural} \"{t.Name}\"" + (t.Namespace is null ? "" : $" in namespace \"{t.Namespace}\"");

    /// <summary>Every failure was handed to the caller as a result; what is left is cancellation.</summary>
    private static void PassOnCancellation(IReadOnlyList<Outcome<DeleteTarget>> outcomes)
    {
        if (outcomes.FirstOrDefault(o => o.Error is not null).Error is { } e)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e);
    }
}
