using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Waits;

/// <summary>The one wait until a deleted object is gone from the server (-Wait of every Remove cmdlet).</summary>
public static class DeletionWait
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);
    public static readonly TimeSpan DefaultPoll = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Polls <paramref name="currentUid"/> (the uid of what now has the name, or null when nothing has) until the
    /// object is gone, or replaced by another (a different uid than <paramref name="uid"/>, when given). After
    /// <paramref name="timeout"/>: a K8sException WaitTimeout naming <paramref name="what"/> ("deployment.apps/web").
    /// Other failures and <paramref name="ct"/>'s cancellation pass through.
    /// </summary>
    public static async Task WaitGoneAsync(Func<CancellationToken, Task<string?>> currentUid, string what, string kind, string? ns, string name,
        string? uid, TimeSpan timeout, TimeSpan poll, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(currentUid);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var now = await currentUid(limit.Token).ConfigureAwait(false);
                if (now is null || (uid is not null && now != uid)) return;
                await Task.Delay(poll, limit.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new K8sException(new K8sError("WaitTimeout", K8sErrorCategory.Timeout,
                $"{what}{(ns is null ? "" : $" in namespace \"{ns}\"")} was still there after {timeout.TotalSeconds:0} s (finalizers may be holding it).")
            { Kind = kind, Name = name, Namespace = ns });
        }
    }

    /// <summary>A <c>currentUid</c> for a typed read: the object's uid, or null when the server answers 404.</summary>
    public static Func<CancellationToken, Task<string?>> UidOf(Func<CancellationToken, Task<object>> get)
        => async ct =>
        {
            try { return (await get(ct).ConfigureAwait(false) as IKubernetesObject<V1ObjectMeta>)?.Metadata?.Uid ?? ""; }
            catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound) { return null; }
        };
}
