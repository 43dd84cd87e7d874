using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using K8sPS.LocalCluster.Simulator;

namespace K8sPS.LocalCluster.Tests.Simulator;

/// <summary>The list/watch loop against a scripted server: resumes, re-lists on 410, pages lists.</summary>
public sealed class ListWatcherTests
{
    private static V1Pod Pod(string name, string rv) => new() { Metadata = new V1ObjectMeta { Name = name, Uid = name, ResourceVersion = rv } };

    /// <summary>A server whose watches play the given scripts in turn, then stay open until cancelled.</summary>
    private sealed class ScriptedServer
    {
        public readonly List<string> Calls = new();
        public readonly Queue<Func<Action<Exception>, IEnumerable<(WatchEventType, V1Pod)>>> Watches = new();
        public int Lists;

        public Task<(IList<V1Pod>, string, string?)> ListAsync(string? continueToken, CancellationToken ct)
        {
            Calls.Add($"list:{continueToken}");
            if (continueToken is null)
            {
                Lists++;
                return Task.FromResult<(IList<V1Pod>, string, string?)>((new List<V1Pod> { Pod("a", "10") }, "10", "page2"));
            }
            return Task.FromResult<(IList<V1Pod>, string, string?)>((new List<V1Pod> { Pod("b", "11") }, "11", null));
        }

        public async IAsyncEnumerable<(WatchEventType, V1Pod)> WatchAsync(string rv, Action<Exception> onError, [EnumeratorCancellation] CancellationToken ct)
        {
            Calls.Add($"watch:{rv}");
            if (Watches.Count == 0)
            {
                await Task.Delay(Timeout.Infinite, ct);
                yield break;
            }
            foreach (var e in Watches.Dequeue()(onError)) yield return e;
        }
    }

    [Fact]
    public async Task Lists_every_page_then_watches_resumes_after_a_timeout_and_lists_again_after_410()
    {
        var server = new ScriptedServer();
        // First watch: one change and a bookmark, then the server's timeout ends the stream.
        server.Watches.Enqueue(_ => new[] { (WatchEventType.Modified, Pod("a", "12")), (WatchEventType.Bookmark, Pod("", "15")) });
        // Second watch: the version is too old.
        server.Watches.Enqueue(onError =>
        {
            onError(new KubernetesException(new V1Status { Code = 410, Reason = "Expired" }));
            return Array.Empty<(WatchEventType, V1Pod)>();
        });

        var listed = new List<int>();
        var events = new List<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var relisted = new TaskCompletionSource();
        var watcher = new ListWatcher<V1Pod>("pods", server.ListAsync, server.WatchAsync,
            (items, _) =>
            {
                listed.Add(items.Count);
                if (listed.Count == 2) relisted.TrySetResult();
                return Task.CompletedTask;
            },
            (type, pod, _) => { events.Add($"{type}:{pod.Metadata.Name}"); return Task.CompletedTask; },
            log: null);

        var run = watcher.RunAsync(stop.Token);
        await relisted.Task.WaitAsync(stop.Token);
        stop.Cancel();
        await run;

        Assert.Equal(new[] { 2, 2 }, listed);
        Assert.Equal(new[] { "Modified:a" }, events);
        Assert.Equal(new[] { "list:", "list:page2", "watch:11", "watch:15", "list:", "list:page2" }, server.Calls.Take(6));
    }
}
