using System.Diagnostics;
using System.Text.Json;
using k8s;
using k8s.Models;
using K8sPS.LocalCluster.Simulator;
using K8sPS.LocalCluster.Storage;

// Usage:
//   Simulator.Bench --kubeconfig FILE [--cluster NAME] [--nodes 10] [--pods 1000] [--keep-nodes] [--bare-only] [--http2] [--results FILE] [--event-settle 10]
//   Simulator.Bench --kubeconfig FILE --existing-nodes [--pods 1000] [--results FILE]
//       (the cluster's own nodes, e.g. a local cluster's supervisor simulator: measures what a user gets)
//   Simulator.Bench --kubeconfig FILE --serve [--cluster NAME] [--nodes 3]   (simulator + provisioner until Ctrl+C)
var options = BenchArguments.Parse(args);
var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(options.Kubeconfig);
config.DisableHttp2 = !options.Http2;
using var client = new Kubernetes(config);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
// A background process never sees Ctrl+C: SIGTERM stops it just as cleanly.
using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
using K8sPS.Engine.Editing;
    System.Runtime.InteropServices.PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });

if (options.ExistingNodes)
{
    // Someone else simulates the nodes (the supervisor): only Ready ones, so a pod never waits for a node.
    var nodes = await client.CoreV1.ListNodeAsync(cancellationToken: stop.Token);
    var ready = nodes.Items.Where(n => n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") ?? false)
        .Select(n => n.Metadata.Name).ToList();
    if (ready.Count == 0) throw new InvalidOperationException("the cluster has no Ready node");
    var bench = new ThroughputBench(client, ready, options);
    try { await bench.RunAsync(stop.Token); }
    finally { await bench.CleanUpAsync(CancellationToken.None); }
    return 0;
}

var simulatorOptions = new NodeSimulatorOptions
{
    ClusterName = options.Cluster,
    NodeCount = options.Nodes,
    Log = options.Verbose ? line => Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}") : null,
};
var simulator = new NodeSimulator(client, simulatorOptions);
var simulatorRun = simulator.RunAsync(stop.Token);

if (options.Serve)
{
    var provisioner = new HostPathProvisioner(client, new HostPathProvisionerOptions
    {
        VolumeRoot = Path.Combine(Path.GetTempPath(), "k8sps-" + options.Cluster, "volumes"),
        Log = simulatorOptions.Log,
    });
    var provisionerRun = provisioner.RunAsync(stop.Token);
    await simulator.Started;
    Console.WriteLine($"simulating {options.Nodes} node(s) of '{options.Cluster}'; Ctrl+C stops");
    await Task.WhenAll(simulatorRun, provisionerRun).ContinueWith(_ => { });
    Console.WriteLine("stopped");
}
else
{
    await simulator.Started;
    var bench = new ThroughputBench(client, simulator.Nodes.Select(n => n.Name).ToList(), options);
    try
    {
        await bench.RunAsync(stop.Token);
    }
    finally
    {
        await bench.CleanUpAsync(CancellationToken.None);
        stop.Cancel();
        await simulatorRun.ContinueWith(_ => { });
        if (!options.KeepNodes) await BenchCleanup.DeleteNodesAsync(client, simulator.Nodes);
    }
}
return 0;

internal sealed record BenchArguments(string Kubeconfig, string Cluster, int Nodes, int Pods, bool Serve, bool KeepNodes, bool Verbose, bool Http2, bool BareOnly, bool ExistingNodes, string? Results, int EventSettleSeconds = 10)
{
    public static BenchArguments Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var kubeconfig = Value("--kubeconfig", Environment.GetEnvironmentVariable("KUBECONFIG") ?? "");
        if (kubeconfig.Length == 0) throw new ArgumentException("--kubeconfig FILE is required");
        return new BenchArguments(kubeconfig, Value("--cluster", "simbench"), int.Parse(Value("--nodes", "10")), int.Parse(Value("--pods", "1000")),
            args.Contains("--serve"), args.Contains("--keep-nodes"), args.Contains("--verbose"), args.Contains("--http2"), args.Contains("--bare-only"),
            args.Contains("--existing-nodes"), Value("--results", "") is { Length: > 0 } results ? results : null,
            int.Parse(Value("--event-settle", "10")));
    }
}

/// <summary>
/// The API server's own count of writes (apiserver_request_total from /metrics): pod status patches
/// and Event creates and patches, whoever sent them, so it measures the supervisor's simulator too.
/// </summary>
internal readonly record struct WriteCounts(double StatusPatches, double EventCreates, double EventPatches)
{
    public static WriteCounts operator -(WriteCounts a, WriteCounts b) =>
        new(a.StatusPatches - b.StatusPatches, a.EventCreates - b.EventCreates, a.EventPatches - b.EventPatches);

    public static async Task<WriteCounts> ReadAsync(Kubernetes client, CancellationToken ct)
    {
        var text = await client.HttpClient.GetStringAsync(new Uri(client.BaseUri, "metrics"), ct);
        double status = 0, creates = 0, patches = 0;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("apiserver_request_total{", StringComparison.Ordinal)) continue;
            var value = double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            bool Has(string label) => line.Contains(label, StringComparison.Ordinal);
            if (Has("resource=\"pods\"") && Has("subresource=\"status\"") && Has("verb=\"PATCH\"")) status += value;
            else if (Has("resource=\"events\"") && Has("verb=\"POST\"")) creates += value;
            else if (Has("resource=\"events\"") && Has("verb=\"PATCH\"")) patches += value;
        }
        return new WriteCounts(status, creates, patches);
    }
}

internal static class BenchCleanup
{
    public static async Task DeleteNodesAsync(IKubernetes client, IEnumerable<SimulatedNodeIdentity> nodes)
    {
        foreach (var node in nodes)
        {
            try { await client.CoreV1.DeleteNodeAsync(node.Name); } catch (k8s.Autorest.HttpOperationException) { }
        }
    }
}

/// <summary>1,000 pods of one Deployment: time to all Running and Ready, then time to all gone after scale to 0.</summary>
internal sealed class ThroughputBench(Kubernetes client, IReadOnlyList<string> nodeNames, BenchArguments options)
{
    private readonly string _namespace = "simbench-" + Guid.NewGuid().ToString("N")[..6];

    public async Task RunAsync(CancellationToken ct)
    {
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _namespace } }, cancellationToken: ct);
        var labels = new Dictionary<string, string> { ["app"] = "bench" };
        var deployment = new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "bench" },
            Spec = new V1DeploymentSpec
            {
                Replicas = options.Pods,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        Containers = new List<V1Container> { new() { Name = "nginx", Image = "nginx:1.25" } },
                        // Only on this bench's nodes, whatever else the cluster has. Not on a cluster that is all ours:
                        // a plain Deployment is what a user runs, and a required affinity listing every node name
                        // made the scheduler the bottleneck (10,000 pods on 100 nodes: 220 s, against 70 s without).
                        Affinity = options.ExistingNodes ? null : new V1Affinity
                        {
                            NodeAffinity = new V1NodeAffinity
                            {
                                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                                {
                                    NodeSelectorTerms = new List<V1NodeSelectorTerm>
                                    {
                                        new() { MatchExpressions = new List<V1NodeSelectorRequirement> { new() { Key = "kubernetes.io/hostname", OperatorProperty = "In", Values = nodeNames.ToList() } } },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        };

        // 1. Through the real controllers and scheduler, as a user would.
        TimeSpan readyTime = default, goneTime = default, lastCreated = default, lastBound = default;
        WriteCounts deploymentUp = default, deploymentDown = default;
        if (!options.BareOnly)
        {
            var before = await WriteCounts.ReadAsync(client, ct);
            var clock = Stopwatch.StartNew();
            await client.AppsV1.CreateNamespacedDeploymentAsync(deployment, _namespace, cancellationToken: ct);
            // Where the time goes: the ReplicaSet controller creating, the scheduler binding, the simulator readying.
            lastCreated = await WaitAsync(pods => pods.Count >= options.Pods, ct, clock);
            await WaitAsync(pods => pods.Count(p => p.Spec?.NodeName is not null) >= options.Pods, ct, clock);
            lastBound = clock.Elapsed;
            await WaitAsync(pods => pods.Count(IsRunningAndReady) >= options.Pods, ct, clock);
            readyTime = clock.Elapsed;
            var ready = await WriteCounts.ReadAsync(client, ct);
            deploymentUp = ready - before;

            var scaleDown = Stopwatch.StartNew();
            await client.AppsV1.PatchNamespacedDeploymentScaleAsync(
                new V1Patch(new { spec = new { replicas = 0 } }, V1Patch.PatchType.MergePatch), "bench", _namespace, cancellationToken: ct);
            await WaitAsync(pods => pods.Count == 0, ct, scaleDown);
            goneTime = scaleDown.Elapsed;
            // Events trail status by design: give them a moment to be written before counting.
            await Task.Delay(TimeSpan.FromSeconds(options.EventSettleSeconds), ct);
            deploymentDown = await WriteCounts.ReadAsync(client, ct) - ready;
        }

        // 2. The simulator alone: pods created already bound to the nodes, many at once, then deleted.
        var bareBefore = await WriteCounts.ReadAsync(client, ct);
        var bare = Stopwatch.StartNew();
        await ForAllAsync(Enumerable.Range(0, options.Pods), i => client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = $"bare-{i}", Labels = new Dictionary<string, string> { ["app"] = "bare" } },
            Spec = new V1PodSpec
            {
                NodeName = nodeNames[i % nodeNames.Count],
                AutomountServiceAccountToken = false,
                Containers = new List<V1Container> { new() { Name = "nginx", Image = "nginx:1.25" } },
            },
        }, _namespace, cancellationToken: ct), ct);
        var bareCreated = bare.Elapsed;
        await WaitAsync(pods => pods.Count(IsRunningAndReady) >= options.Pods, ct, bare);
        var bareReady = bare.Elapsed;
        var bareReadyCounts = await WriteCounts.ReadAsync(client, ct);

        var bareDelete = Stopwatch.StartNew();
        await ForAllAsync(Enumerable.Range(0, options.Pods), i => client.CoreV1.DeleteNamespacedPodAsync($"bare-{i}", _namespace, cancellationToken: ct), ct);
        var bareDeleteSent = bareDelete.Elapsed;
        await WaitAsync(pods => pods.Count == 0, ct, bareDelete);
        var bareGone = bareDelete.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(options.EventSettleSeconds), ct);
        var bareEnd = await WriteCounts.ReadAsync(client, ct);

        Console.WriteLine();
        Console.WriteLine($"| Simulator throughput: {options.Pods} pods on {nodeNames.Count} nodes, {Environment.ProcessorCount} cores, HTTP/{(options.Http2 ? "2" : "1.1")} | seconds | pods/s | note |");
        Console.WriteLine("|---|---:|---:|---|");
        if (!options.BareOnly) Console.WriteLine($"| Deployment: all pods Running and Ready | {readyTime.TotalSeconds:0.0} | {options.Pods / readyTime.TotalSeconds:0} | last pod created by the ReplicaSet controller at {lastCreated.TotalSeconds:0.0}s, all bound by the scheduler at {lastBound.TotalSeconds:0.0}s |");
        if (!options.BareOnly) Console.WriteLine($"| Deployment: all pods gone after scale to 0 | {goneTime.TotalSeconds:0.0} | {options.Pods / goneTime.TotalSeconds:0} | |");
        Console.WriteLine($"| Bare pods bound to nodes: all Running and Ready | {bareReady.TotalSeconds:0.0} | {options.Pods / bareReady.TotalSeconds:0} | created in {bareCreated.TotalSeconds:0.0}s (32 at a time) |");
        Console.WriteLine($"| Bare pods: all gone after graceful delete | {bareGone.TotalSeconds:0.0} | {options.Pods / bareGone.TotalSeconds:0} | deletes sent in {bareDeleteSent.TotalSeconds:0.0}s |");
        if (!options.BareOnly) Console.WriteLine($"| Deployment: from the last pod bound to all Ready | {(readyTime - lastBound).TotalSeconds:0.0} | | |");
        Console.WriteLine();
        Console.WriteLine("| API writes per pod (apiserver_request_total) | pod status PATCH | Event POST | Event PATCH |");
        Console.WriteLine("|---|---:|---:|---:|");
        void Writes(string what, WriteCounts counts) =>
            Console.WriteLine($"| {what} | {counts.StatusPatches / (double)options.Pods:0.00} | {counts.EventCreates / (double)options.Pods:0.00} | {counts.EventPatches / (double)options.Pods:0.00} |");
        if (!options.BareOnly)
        {
            Writes("Deployment: until all Ready", deploymentUp);
            Writes($"Deployment: scale to 0, and {options.EventSettleSeconds} s more", deploymentDown);
        }
        Writes("Bare pods: until all Ready", bareReadyCounts - bareBefore);
        Writes($"Bare pods: delete, and {options.EventSettleSeconds} s more", bareEnd - bareReadyCounts);

        // For a bench runner: the same figures as data, so they join its table rather than being scraped from text.
        if (options.Results is not null)
        {
            var rows = new List<object>();
            void Row(string name, TimeSpan value, string note) => rows.Add(new { Name = name, Value = Math.Round(value.TotalSeconds, 2), Unit = "s", Note = note });
            if (!options.BareOnly)
            {
                Row($"Deployment {options.Pods} pods Running+Ready on {nodeNames.Count} nodes", readyTime,
                    $"all created at {lastCreated.TotalSeconds:0.0}s, all bound at {lastBound.TotalSeconds:0.0}s; goal < 30 s");
                Row("Deployment scaled to 0: all pods gone", goneTime, "");
            }
            Row($"{options.Pods} bare pods bound to nodes: Running+Ready", bareReady, $"created in {bareCreated.TotalSeconds:0.0}s, 32 in flight");
            Row($"{options.Pods} bare pods: gone after delete", bareGone, $"deletes sent in {bareDeleteSent.TotalSeconds:0.0}s");
            await File.WriteAllTextAsync(options.Results, JsonSerializer.Serialize(rows), ct);
        }
    }

    private static async Task ForAllAsync(IEnumerable<int> items, Func<int, Task> action, CancellationToken ct) =>
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (i, _) => await action(i));

    private static bool IsRunningAndReady(V1Pod pod) =>
        pod.Status?.Phase == "Running" && (pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") ?? false);

    /// <summary>Watches the namespace's pods until <paramref name="done"/> holds; returns when (on <paramref name="clock"/>) the last pod was first seen.</summary>
    private async Task<TimeSpan> WaitAsync(Func<ICollection<V1Pod>, bool> done, CancellationToken ct, Stopwatch clock)
    {
        var pods = new Dictionary<string, V1Pod>();
        var lastAdded = TimeSpan.Zero;
        var list = await client.CoreV1.ListNamespacedPodAsync(_namespace, cancellationToken: ct);
        foreach (var pod in list.Items) pods[pod.Metadata.Uid] = pod;
        if (done(pods.Values)) return clock.Elapsed;
        var resourceVersion = list.Metadata.ResourceVersion;
        while (true)
        {
            await foreach (var (type, pod) in client.CoreV1.WatchListNamespacedPodAsync(_namespace, resourceVersion: resourceVersion, timeoutSeconds: 120, cancellationToken: ct))
            {
                resourceVersion = pod.Metadata.ResourceVersion;
                if (type == WatchEventType.Deleted) pods.Remove(pod.Metadata.Uid);
                else if (pods.TryAdd(pod.Metadata.Uid, pod)) lastAdded = clock.Elapsed;
                else pods[pod.Metadata.Uid] = pod;
                if (done(pods.Values)) return lastAdded;
            }
        }
    }

    public async Task CleanUpAsync(CancellationToken ct)
    {
        try { await client.CoreV1.DeleteNamespaceAsync(_namespace, cancellationToken: ct); } catch (k8s.Autorest.HttpOperationException) { }
    }
}
