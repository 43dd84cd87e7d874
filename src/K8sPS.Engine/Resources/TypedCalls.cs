using System.Net;
using k8s.Autorest;

namespace K8sPS.Engine.Resources;

/// <summary>What typed calls of several kinds share: a read of an object that may not exist, and create-or-replace.</summary>
internal static class TypedCalls
{
    /// <summary>What <paramref name="read"/> returns, or null when the server answers 404 (any other failure is thrown).</summary>
    public static async Task<T?> OrNullAsync<T>(Func<Task<T>> read) where T : class
    {
        try { return await read().ConfigureAwait(false); }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound) { return null; }
    }

    /// <summary>
    /// Creates the object when <paramref name="find"/> finds none, else replaces the one found; on 409 (created or changed
    /// by someone else meanwhile) it is read again and tried on that version, up to three times.
    /// </summary>
    public static async Task<ReplaceResult<T>> CreateOrReplaceAsync<T>(Func<Task<T?>> find, Func<Task<T>> create, Func<T, Task<T>> replace) where T : class
    {
        for (var attempt = 0; ; attempt++)
        {
            var existing = await find().ConfigureAwait(false);
            try
            {
                return existing is null
                    ? new(await create().ConfigureAwait(false), null)
                    : new(await replace(existing).ConfigureAwait(false), existing);
            }
            catch (HttpOperationException e) when (attempt < 3 && e.Response?.StatusCode == HttpStatusCode.Conflict)
            {
            }
        }
    }
}
