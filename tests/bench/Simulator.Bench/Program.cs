using System.Diagnostics;
using k8s;
using k8s.Models;
using K8sPS.LocalCluster.Simulator;
using K8sPS.LocalCluster.Storage;

// Usage:
//   Simulator.Bench --kubeconfig FILE [--cluster NAME] [--nodes 10] [--pods 1000] [--keep-nodes]
//   Simulator.Bench --kubeconfig FILE --serve [--cluster NAME] [--nodes 3]   (simulator + provisioner until Ctrl+C)
var options = BenchArguments.Parse(args);
var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(options.Kubeconfig);
config.DisableHttp2 = !options.Http2;
using var client = new Kubernetes(config);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
// A background process never sees Ctrl+C: SIGTERM stops it just as cleanly.
using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });

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
    var bench = new ThroughputBench(client, simulator, options);
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

internal sealed record BenchArguments(string Kubeconfig, string Cluster, int Nodes, int Pods, bool Serve, bool KeepNodes, bool Verbose, bool Http2)
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
            args.Contains("--serve"), args.Contains("--keep-nodes"), args.Contains("--verbose"), args.Contains("--http2"));
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
internal sealed class ThroughputBench(IKubernetes client, NodeSimulator simulator, BenchArguments options)
{
    private readonly string _namespace = "simbench-" + Guid.NewGuid().ToString("N")[..6];

    public async Task RunAsync(CancellationToken ct)
    {
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _namespace } }, cancellationToken: ct);
        var labels = new Dictionary<string, string> { ["app"] = "bench" };
        var nodeNames = simulator.Nodes.Select(n => n.Name).ToList();
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
                        // Only on this bench's nodes, whatever else the cluster has.
                        Affinity = new V1Affinity
                        {
                            NodeAffinity = new V1NodeAffinity
                            {
                                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                                {
                                    NodeSelectorTerms = new List<V1NodeSelectorTerm>
                                    {
                                        new() { MatchExpressions = new List<V1NodeSelectorRequirement> { new() { Key = "kubernetes.io/hostname", OperatorProperty = "In", Values = nodeNames } } },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        };

        var clock = Stopwatch.StartNew();
        await client.AppsV1.CreateNamespacedDeploymentAsync(deployment, _namespace, cancellationToken: ct);
        var ready = await WaitAsync(pods => pods.Count(IsRunningAndReady) >= options.Pods, ct);
        var readyTime = clock.Elapsed;

        var scaleDown = Stopwatch.StartNew();
        await client.AppsV1.PatchNamespacedDeploymentScaleAsync(
            new V1Patch(new { spec = new { replicas = 0 } }, V1Patch.PatchType.MergePatch), "bench", _namespace, cancellationToken: ct);
        await WaitAsync(pods => pods.Count == 0, ct);
        var goneTime = scaleDown.Elapsed;

        Console.WriteLine();
        Console.WriteLine($"| Simulator throughput ({options.Nodes} nodes, {Environment.ProcessorCount} cores) | seconds | pods/s |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine($"| {options.Pods} pods of a Deployment Running and Ready | {readyTime.TotalSeconds:0.0} | {options.Pods / readyTime.TotalSeconds:0} |");
        Console.WriteLine($"| {options.Pods} pods gone after scale to 0 | {goneTime.TotalSeconds:0.0} | {options.Pods / goneTime.TotalSeconds:0} |");
    }

    private static bool IsRunningAndReady(V1Pod pod) =>
        pod.Status?.Phase == "Running" && (pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") ?? false);

    /// <summary>Watches the namespace's pods until <paramref name="done"/> holds for the set of pods that exist.</summary>
    private async Task<bool> WaitAsync(Func<ICollection<V1Pod>, bool> done, CancellationToken ct)
    {
        var pods = new Dictionary<string, V1Pod>();
        var list = await client.CoreV1.ListNamespacedPodAsync(_namespace, cancellationToken: ct);
        foreach (var pod in list.Items) pods[pod.Metadata.Uid] = pod;
        if (done(pods.Values)) return true;
        var resourceVersion = list.Metadata.ResourceVersion;
        while (true)
        {
            await foreach (var (type, pod) in client.CoreV1.WatchListNamespacedPodAsync(_namespace, resourceVersion: resourceVersion, timeoutSeconds: 120, cancellationToken: ct))
            {
                resourceVersion = pod.Metadata.ResourceVersion;
                if (type == WatchEventType.Deleted) pods.Remove(pod.Metadata.Uid);
                else pods[pod.Metadata.Uid] = pod;
                if (done(pods.Values)) return true;
            }
        }
    }

    public async Task CleanUpAsync(CancellationToken ct)
    {
        try { await client.CoreV1.DeleteNamespaceAsync(_namespace, cancellationToken: ct); } catch (k8s.Autorest.HttpOperationException) { }
    }
}
