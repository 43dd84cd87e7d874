using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Connection;

/// <summary>
/// Read-modify-write against objects others change too (controllers, other users): a 409 Conflict means the object
/// changed between the read and the write, so the whole step (read, compute the change, write) runs again on the new
/// version, as kubectl's and client-go's RetryOnConflict do; a few times, then the conflict is the item's error.
/// </summary>
public static class ConflictRetry
{
    /// <summary>client-go's retry.DefaultRetry: five attempts.</summary>
    public const int DefaultAttempts = 5;

    /// <summary>True for the server's 409 Conflict (the object changed since it was read), however it was thrown.</summary>
    public static bool IsConflict(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var error = exception is K8sException k ? k.Error : ErrorMapper.Map(exception);
        return error.ErrorId == "Conflict";
    }

    /// <summary>Runs <paramref name="step"/> (which must read the object afresh each time) until it does not meet a conflict.</summary>
    public static async Task RunAsync(Func<int, Task> step, CancellationToken ct, int attempts = DefaultAttempts)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        for (var attempt = 0; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                await step(attempt).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (attempt + 1 < attempts && IsConflict(e))
            {
                // client-go's backoff: 10 ms, growing; a conflict clears as soon as the other writer is done.
                await Task.Delay(TimeSpan.FromMilliseconds(10 * (1 << attempt)), ct).ConfigureAwait(false);
            }
        }
    }
}
