using System.Net;
using k8s.Autorest;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Waits;

/// <summary>Waiting until a deleted object is gone from the server (-Wait of the Remove cmdlets).</summary>
public static class DeletionWait
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);
    public static readonly TimeSpan DefaultPoll = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Polls <paramref name="get"/> until it fails with 404 (the object is gone); a K8sException
    /// WaitTimeout after <paramref name="timeout"/>; cancels with <paramref name="ct"/>.
    /// </summary>
    public static async Task WaitGoneAsync(Func<CancellationToken, Task> get, string kind, string? ns, string name, TimeSpan timeout, TimeSpan poll, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            while (true)
            {
                try { await get(limit.Token).ConfigureAwait(false); }
                catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound) { return; }
                await Task.Delay(poll, limit.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new K8sException(new K8sError("WaitTimeout", K8sErrorCategory.Timeout,
                $"{kind.ToLowerInvariant()} \"{name}\" was still there after {timeout.TotalSeconds:0} s (finalizers may be holding it).") { Kind = kind, Name = name, Namespace = ns });
        }
    }
}
