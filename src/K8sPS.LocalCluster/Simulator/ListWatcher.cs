using k8s;
using k8s.Models;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// Keeps a consumer in step with a kind of object through one watch, as client-go's reflector does:
/// a paged list, then a watch from the list's resourceVersion, resumed after each server timeout from
/// the last version seen (bookmarks included), and a fresh list when that version has expired (410).
/// No polling: between lists, everything comes from the watch.
/// </summary>
public sealed class ListWatcher<T> where T : class, IKubernetesObject<V1ObjectMeta>
{
    public delegate Task<(IList<T> Items, string ResourceVersion, string? Continue)> ListPageAsync(string? continueToken, CancellationToken ct);
    public delegate IAsyncEnumerable<(WatchEventType Type, T Item)> WatchFromAsync(string resourceVersion, Action<Exception> onError, CancellationToken ct);

    private readonly string _what;
    private readonly ListPageAsync _list;
    private readonly WatchFromAsync _watch;
    private readonly Func<IReadOnlyList<T>, CancellationToken, Task> _onListed;
    private readonly Func<WatchEventType, T, CancellationToken, Task> _onEvent;
    private readonly Action<string>? _log;

    /// <param name="onListed">Gets every object after each (re-)list: the consumer drops what is no longer there.</param>
    /// <param name="onEvent">Gets each watch event (bookmarks excluded), in order.</param>
    public ListWatcher(string what, ListPageAsync list, WatchFromAsync watch,
        Func<IReadOnlyList<T>, CancellationToken, Task> onListed, Func<WatchEventType, T, CancellationToken, Task> onEvent, Action<string>? log)
    {
        _what = what;
        _list = list;
        _watch = watch;
        _onListed = onListed;
        _onEvent = onEvent;
        _log = log;
    }

    /// <summary>Set once the first list has been handed to the consumer.</summary>
    public Task Synced => _synced.Task;

    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task RunAsync(CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var resourceVersion = await ListAsync(ct).ConfigureAwait(false);
                _synced.TrySetResult();
                failures = 0;
                resourceVersion = await WatchUntilExpiredAsync(resourceVersion, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(200 * Math.Pow(2, failures - 1), 5000));
                _log?.Invoke($"{_what}: list/watch failed ({e.GetType().Name}: {e.Message}); again in {delay.TotalSeconds:0.#}s");
                await Task.Delay(delay, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task<string> ListAsync(CancellationToken ct)
    {
        var items = new List<T>();
        string? continueToken = null;
        string resourceVersion;
        do
        {
            var page = await _list(continueToken, ct).ConfigureAwait(false);
            items.AddRange(page.Items);
            resourceVersion = page.ResourceVersion;
            continueToken = string.IsNullOrEmpty(page.Continue) ? null : page.Continue;
        }
        while (continueToken is not null);
        await _onListed(items, ct).ConfigureAwait(false);
        return resourceVersion;
    }

    /// <summary>Watches, resuming after each normal end of the stream; returns when a fresh list is needed.</summary>
    private async Task<string> WatchUntilExpiredAsync(string resourceVersion, CancellationToken ct)
    {
        while (true)
        {
            var expired = false;
            var events = 0;
            var opened = DateTime.UtcNow;
            Exception? broken = null;
            void OnError(Exception e)
            {
                if (e is KubernetesException { Status.Code: 410 }) expired = true;
                else broken ??= e;
            }

            await foreach (var (type, item) in _watch(resourceVersion, OnError, ct).ConfigureAwait(false))
            {
                if (item?.Metadata?.ResourceVersion is { Length: > 0 } seen) resourceVersion = seen;
                events++;
                if (type == WatchEventType.Bookmark || item is null) continue;
                await _onEvent(type, item, ct).ConfigureAwait(false);
            }

            if (expired)
            {
                _log?.Invoke($"{_what}: watch expired (410); listing again");
                return resourceVersion;
            }
            if (broken is not null) throw new IOException($"watch of {_what} broke: {broken.Message}", broken);
            // A server that closes watches at once must not make this a busy loop.
            if (events == 0 && DateTime.UtcNow - opened < TimeSpan.FromSeconds(1))
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
        }
    }
}
