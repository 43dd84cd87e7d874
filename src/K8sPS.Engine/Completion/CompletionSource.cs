using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using K8sPS.Engine.Api;
using K8sPS.Engine.Connection;
using k8s;

namespace K8sPS.Engine.Completion;

/// <summary>
/// What Tab offers from the live cluster: namespaces, kinds, names, containers, nodes, labels and revisions.
/// Answers are cached for a few seconds per context and question, so pressing Tab again costs nothing; a server
/// that does not answer within <see cref="Budget"/> gives no completions (and is not asked again for the cache's
/// time) instead of hanging the prompt. Nothing here ever throws.
/// </summary>
public static class CompletionSource
{
    private static readonly ConcurrentDictionary<string, (DateTime At, IReadOnlyList<string> Values)> Cache = new(StringComparer.Ordinal);

    /// <summary>How long an answer is reused.</summary>
    public static TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long Tab may wait for the server.</summary>
    public static TimeSpan Budget { get; set; } = TimeSpan.FromSeconds(1);

    public static IReadOnlyList<string> Namespaces(string? context) => Ask(context, "namespaces", async (c, ct) =>
        (await c.Client.CoreV1.ListNamespaceAsync(cancellationToken: ct).ConfigureAwait(false)).Items.Select(n => n.Metadata.Name).Order(StringComparer.Ordinal).ToList());

    /// <summary>Plurals, singulars and short names of every kind the server serves, as kubectl accepts them.</summary>
    public static IReadOnlyList<string> Kinds(string? context) => Ask(context, "kinds", async (c, ct) =>
    {
        var catalog = await ApiCatalog.GetAsync(c.Rest, ct).ConfigureAwait(false);
        return catalog.Resources.Where(r => r.PreferredVersion || r.Group.Length == 0)
            .SelectMany(r => r.ShortNames.Append(r.Plural).Append(r.Singular))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    });

    /// <summary>Names of objects of <paramref name="kind"/> (any spelling kubectl takes) in <paramref name="ns"/> (null: the context's).</summary>
    public static IReadOnlyList<string> Names(string? context, string kind, string? ns) =>
        Ask(context, $"names\n{kind}\n{ns}", (c, ct) => NamesAsync(c, kind, ns, ct));

    public static IReadOnlyList<string> Nodes(string? context) => Ask(context, "nodes", async (c, ct) =>
        (await c.Client.CoreV1.ListNodeAsync(cancellationToken: ct).ConfigureAwait(false)).Items.Select(n => n.Metadata.Name).Order(StringComparer.Ordinal).ToList());

    /// <summary>The containers (and init containers) of a pod, or of a workload's pod template.</summary>
    public static IReadOnlyList<string> Containers(string? context, string kind, string? ns, string name) =>
        Ask(context, $"containers\n{kind}\n{ns}\n{name}", async (c, ct) =>
        {
            var client = new ResourceClient(c.Rest);
            var resource = await client.ResolveAsync(kind, ct).ConfigureAwait(false);
            var obj = await client.GetAsync(resource, c.ResolveNamespace(ns), name, ct).ConfigureAwait(false);
            var spec = obj?["spec"]?["template"]?["spec"] ?? obj?["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"] ?? obj?["spec"];
            return new[] { "initContainers", "containers" }
                .SelectMany(list => spec?[list] as JsonArray ?? [])
                .Select(container => container?["name"]?.GetValue<string>()).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        });

    /// <summary>"key" and "key=value" for the labels on objects of <paramref name="kind"/> (nodes for a cluster-wide question).</summary>
    public static IReadOnlyList<string> Labels(string? context, string kind, string? ns) =>
        Ask(context, $"labels\n{kind}\n{ns}", async (c, ct) =>
        {
            var client = new ResourceClient(c.Rest);
            var resource = await client.ResolveAsync(kind, ct).ConfigureAwait(false);
            var pairs = new SortedSet<string>(StringComparer.Ordinal);
            await foreach (var o in client.ListAsync(resource, resource.Namespaced ? c.ResolveNamespace(ns) : null, null, null, ct).ConfigureAwait(false))
                foreach (var (key, value) in o["metadata"]?["labels"] as JsonObject ?? [])
                {
                    pairs.Add(key);
                    pairs.Add($"{key}={value?.GetValue<string>()}");
                }
            return pairs.ToList();
        });

    /// <summary>The rollout revisions of a Deployment (from its ReplicaSets) or a StatefulSet/DaemonSet (ControllerRevisions).</summary>
    public static IReadOnlyList<string> Revisions(string? context, string kind, string? ns, string name) =>
        Ask(context, $"revisions\n{kind}\n{ns}\n{name}", async (c, ct) =>
        {
            var client = new ResourceClient(c.Rest);
            var owner = await client.GetAsync(await client.ResolveAsync(kind, ct).ConfigureAwait(false), c.ResolveNamespace(ns), name, ct).ConfigureAwait(false);
            var uid = owner?["metadata"]?["uid"]?.GetValue<string>();
            if (uid is null) return [];
            var deployment = owner!["kind"]?.GetValue<string>() == "Deployment";
            var children = await client.ResolveAsync(deployment ? "replicasets.apps" : "controllerrevisions.apps", ct).ConfigureAwait(false);
            var revisions = new List<long>();
            await foreach (var o in client.ListAsync(children, c.ResolveNamespace(ns), null, null, ct).ConfigureAwait(false))
            {
                if (o["metadata"]?["ownerReferences"] is not JsonArray owners || !owners.Any(r => r?["uid"]?.GetValue<string>() == uid)) continue;
                var text = deployment ? o["metadata"]?["annotations"]?["deployment.kubernetes.io/revision"]?.GetValue<string>() : o["revision"]?.ToString();
                if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)) revisions.Add(n);
            }
            return revisions.Order().Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        });

    /// <summary>Forgets every cached answer (tests).</summary>
    public static void Reset()
    {
        Cache.Clear();
        InFlight.Clear();
    }

    private static async Task<IReadOnlyList<string>> NamesAsync(K8sConnection c, string kind, string? ns, CancellationToken ct)
    {
        var client = new ResourceClient(c.Rest);
        var resource = await client.ResolveAsync(kind, ct).ConfigureAwait(false);
        var names = new List<string>();
        await foreach (var o in client.ListAsync(resource, resource.Namespaced ? c.ResolveNamespace(ns) : null, null, null, ct).ConfigureAwait(false))
            if (o["metadata"]?["name"]?.GetValue<string>() is { } name) names.Add(name);
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private static IReadOnlyList<string> Ask(string? context, string question, Func<K8sConnection, CancellationToken, Task<IReadOnlyList<string>>> fetch)
    {
        K8sConnection connection;
        try { connection = ConnectionFactory.Get(context); }
        catch (Exception e) when (e is not OutOfMemoryException) { return []; } // no kubeconfig, no such context: nothing to offer
        var key = connection.Context + "\n" + connection.Server + "\n" + question;
        if (Cache.TryGetValue(key, out var hit) && DateTime.UtcNow - hit.At < CacheFor) return hit.Values;

        // One fetch per question at a time. It goes on after Tab gave up waiting, and fills the cache for the next
        // Tab (a cold connection's discovery can take longer than the budget); a failure is cached as no answer,
        // so a dead server is not asked again at every key press.
        var flight = InFlight.GetOrAdd(key, k => new Lazy<(DateTime Started, Task<IReadOnlyList<string>> Task)>(() =>
        {
            var task = FetchAsync(connection, fetch);
            _ = task.ContinueWith(done =>
            {
                Cache[key] = (DateTime.UtcNow, done.IsCompletedSuccessfully ? done.Result : []);
                InFlight.TryRemove(key, out _);
            }, TaskScheduler.Default);
            return (DateTime.UtcNow, task);
        })).Value;
        var waited = DateTime.UtcNow - flight.Started;
        if (waited >= Budget) return []; // asked before and still no answer: do not make the prompt wait again
        try { return flight.Task.Wait(Budget - waited) && flight.Task.IsCompletedSuccessfully ? flight.Task.Result : []; }
        catch (AggregateException) { return []; }
    }

    private static readonly ConcurrentDictionary<string, Lazy<(DateTime Started, Task<IReadOnlyList<string>> Task)>> InFlight = new(StringComparer.Ordinal);

    /// <summary>How long a fetch may take in the background before it counts as no answer.</summary>
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(10);

    private static async Task<IReadOnlyList<string>> FetchAsync(K8sConnection connection, Func<K8sConnection, CancellationToken, Task<IReadOnlyList<string>>> fetch)
    {
        using var timeout = new CancellationTokenSource(FetchTimeout);
        return await fetch(connection, timeout.Token).ConfigureAwait(false);
    }
}
