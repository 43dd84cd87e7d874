using k8s;
using k8s.Models;
using K8sPS.Engine.Metrics;
using K8sPS.LocalCluster.Metrics;
using K8sPS.LocalCluster.Tests.Simulator;

namespace K8sPS.LocalCluster.Tests.Metrics;

/// <summary>
/// The metrics API of the local cluster as users meet it: kubectl top through the real apiserver, and the
/// real HPA controller scaling a Deployment on simulated load, `kubectl get hpa` checked at each step. While
/// they run, no socket of the cluster's processes may be bound to or connected with anything but loopback.
/// Each test has a namespace of its own, deleted afterwards.
/// </summary>
[Collection("cluster")]
public sealed class MetricsScenarioTests : IClassFixture<SimulatedNodesFixture>, IAsyncLifetime
{
    private readonly IKubernetes _client;
    private readonly string _kubeconfig;
    private readonly string _clusterName;
    private readonly string _ns = "metrics-" + Guid.NewGuid().ToString("N")[..8];

    public MetricsScenarioTests(SimulatedNodesFixture nodes, ClusterFixture cluster)
    {
        _client = nodes.Client;
        _kubeconfig = nodes.KubeconfigPath;
        _clusterName = cluster.ClusterName;
    }

    public async Task InitializeAsync()
    {
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _ns } });
        // The supervisor registers the API once its watches are synced: a moment after the cluster is Ready.
        await Eventually.WaitAsync(async () =>
        {
            var service = await _client.ApiregistrationV1.ReadAPIServiceAsync(MetricsRegistration.ApiServiceName);
            var available = service.Status?.Conditions?.FirstOrDefault(c => c.Type == "Available");
            return (available?.Status == "True", $"Available={available?.Status} ({available?.Reason}: {available?.Message})");
        }, TimeSpan.FromSeconds(90), "the APIService v1beta1.metrics.k8s.io to be Available");
    }

    public async Task DisposeAsync()
    {
        await _client.CoreV1.DeleteNamespaceAsync(_ns);
        await Eventually.WaitAsync(async () =>
        {
            var pods = (await _client.CoreV1.ListNamespacedPodAsync(_ns)).Items;
            return (pods.Count == 0, $"{pods.Count} pods left in {_ns}");
        }, $"the pods of {_ns} to be deleted");
    }

    [Fact]
    public async Task Kubectl_top_shows_the_annotated_usage_of_pods_containers_and_nodes()
    {
        var processes = ClusterSockets.ProcessesOf(_clusterName);
        await using var watch = new LoopbackWatch(processes, TimeSpan.FromMilliseconds(500));
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", replicas: 2, cpuRequest: null, new()
        {
            ["sim.k8sps.io/cpu"] = "250m",
            ["sim.k8sps.io/memory"] = "64Mi",
            ["sim.k8sps.io/cpu.sidecar"] = "20m",
            ["sim.k8sps.io/memory.sidecar"] = "10Mi",
        }, "sidecar"), _ns);

        string top = "";
        await Eventually.WaitAsync(async () =>
        {
            top = (await Kubectl.RunAsync(_kubeconfig, "top", "pods", "-n", _ns)).Out;
            var rows = Kubectl.Rows(top);
            return (rows.Count == 2 && rows.All(r => r[1] == "270m" && r[2] == "74Mi"), top);
        }, "kubectl top pods to show both pods at 250m+20m and 64Mi+10Mi");

        var containers = Kubectl.Rows(await Kubectl.OkAsync(_kubeconfig, "top", "pods", "-n", _ns, "--containers"));
        Assert.Equal(4, containers.Count);
        Assert.All(containers.Where(r => r[1] == "web"), r => Assert.Equal(["250m", "64Mi"], r[2..]));
        Assert.All(containers.Where(r => r[1] == "sidecar"), r => Assert.Equal(["20m", "10Mi"], r[2..]));

        // The Engine's kubectl top, from the API's own answer, prints what kubectl printed.
        var raw = await Kubectl.OkAsync(_kubeconfig, "get", "--raw", $"/apis/metrics.k8s.io/v1beta1/namespaces/{_ns}/pods");
        var metrics = KubernetesJson.Deserialize<PodMetricsList>(raw).Items;
        Assert.Equal(top, TopText.Pods(TopRows.Pods(metrics)));

        // Nodes: every simulated node, each with its base usage plus what its pods use.
        var pods = (await _client.CoreV1.ListNamespacedPodAsync(_ns)).Items;
        var nodes = Kubectl.Rows(await Kubectl.OkAsync(_kubeconfig, "top", "nodes"));
        var simulated = (await _client.CoreV1.ListNodeAsync()).Items
            .Where(n => n.Metadata.Annotations?.TryGetValue(K8sPS.LocalCluster.Simulator.NodeObjectFactory.SimulatedByAnnotation, out var by) == true && by == _clusterName)
            .Select(n => n.Metadata.Name).Order().ToList();
        Assert.Equal(simulated, nodes.Select(r => r[0]).Order());
        foreach (var row in nodes)
        {
            var hosted = pods.Count(p => p.Spec.NodeName == row[0]);
            var cpu = int.Parse(row[1].TrimEnd('m'), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(cpu >= 40 + 270 * hosted, $"{row[0]} uses {row[1]} with {hosted} of our pods at 270m each");
            Assert.EndsWith("%", row[2]);
        }

        // The apiserver reached the metrics server on loopback, at the port the APIService names.
        var port = (await _client.ApiregistrationV1.ReadAPIServiceAsync(MetricsRegistration.ApiServiceName)).Spec.Service.Port;
        var apiserver = processes.Single(p => p.Name == "kube-apiserver");
        var toMetrics = ClusterSockets.Of([apiserver]).Where(s => !s.Listening && s.Remote.Port == port).ToList();
        Assert.NotEmpty(toMetrics);
        Assert.All(toMetrics, s => Assert.Equal("127.0.0.1", s.Remote.Address.ToString()));

        var outside = await watch.StopAsync();
        Assert.True(watch.Samples > 1 && watch.SocketsSeen > 0, $"{watch.Samples} samples, {watch.SocketsSeen} sockets");
        Assert.Empty(outside);
    }

    [Fact]
    public async Task Patching_a_running_pods_annotation_changes_what_it_uses()
    {
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("one", replicas: 1, cpuRequest: null, new() { ["sim.k8sps.io/cpu"] = "100m" }), _ns);
        string pod = "";
        await Eventually.WaitAsync(async () =>
        {
            var rows = Kubectl.Rows((await Kubectl.RunAsync(_kubeconfig, "top", "pods", "-n", _ns)).Out);
            pod = rows.FirstOrDefault()?[0] ?? "";
            return (rows.Count == 1 && rows[0][1] == "100m", string.Join(" | ", rows.Select(r => string.Join(" ", r))));
        }, "the pod at 100m");

        await Kubectl.OkAsync(_kubeconfig, "annotate", "pod", pod, "-n", _ns, "--overwrite", "sim.k8sps.io/cpu=750m", "sim.k8sps.io/memory=300Mi");
        await Eventually.WaitAsync(async () =>
        {
            var row = Kubectl.Rows(await Kubectl.OkAsync(_kubeconfig, "top", "pod", pod, "-n", _ns)).Single();
            return (row[1] == "750m" && row[2] == "300Mi", string.Join(" ", row));
        }, "kubectl top pod to show the patched usage");
    }

    [Fact]
    public async Task The_hpa_scales_up_under_load_and_back_down_after_the_stabilization_window()
    {
        await using var watch = new LoopbackWatch(ClusterSockets.ProcessesOf(_clusterName), TimeSpan.FromSeconds(1));
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("load", replicas: 1, cpuRequest: "100m", new() { ["sim.k8sps.io/cpu"] = "10m" }), _ns);
        await Kubectl.OkAsync(_kubeconfig, "autoscale", "deployment", "load", "-n", _ns, "--min=1", "--max=4", "--cpu-percent=50");

        await WaitForHpaAsync("10%/50%", replicas: 1, TimeSpan.FromSeconds(60), "the HPA to measure the idle load");

        // Load raised on the template: the rollout's pods use 200m of their 100m request.
        await SetLoadAsync("200m");
        await WaitForHpaAsync("200%/50%", replicas: 4, TimeSpan.FromSeconds(90), "the HPA to scale up to its maximum");
        var deployment = await _client.AppsV1.ReadNamespacedDeploymentAsync("load", _ns);
        Assert.Equal(4, deployment.Spec.Replicas);

        await SetLoadAsync("10m");
        await WaitForHpaAsync("10%/50%", replicas: 1, TimeSpan.FromSeconds(120), "the HPA to scale back down after the stabilization window");

        var events = (await _client.CoreV1.ListNamespacedEventAsync(_ns, fieldSelector: "involvedObject.kind=HorizontalPodAutoscaler")).Items;
        Assert.Contains(events, e => e.Reason == "SuccessfulRescale" && e.Message.StartsWith("New size: 4", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Reason == "SuccessfulRescale" && e.Message.StartsWith("New size: 1", StringComparison.Ordinal));
        Assert.Empty(await watch.StopAsync());
        Assert.True(watch.SocketsSeen > 0);
    }

    [Fact]
    public async Task An_hpa_on_pods_without_cpu_requests_reports_the_missing_request()
    {
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("norequests", replicas: 1, cpuRequest: null, new() { ["sim.k8sps.io/cpu"] = "300m" }), _ns);
        await Kubectl.OkAsync(_kubeconfig, "autoscale", "deployment", "norequests", "-n", _ns, "--max=3", "--cpu-percent=50");

        V2HorizontalPodAutoscaler? hpa = null;
        await Eventually.WaitAsync(async () =>
        {
            hpa = await ReadHpaAsync("norequests");
            var active = hpa.Status?.Conditions?.FirstOrDefault(c => c.Type == "ScalingActive");
            return (active is { Status: "False", Reason: "FailedGetResourceMetric" } && active.Message.Contains("missing request for cpu", StringComparison.Ordinal),
                $"ScalingActive={active?.Status} {active?.Reason}: {active?.Message}");
        }, TimeSpan.FromSeconds(60), "the HPA controller's condition for the missing CPU request");

        var row = Kubectl.Rows(await Kubectl.OkAsync(_kubeconfig, "get", "hpa", "norequests", "-n", _ns)).Single();
        Assert.Equal("<unknown>/50%", row[2]);
        Assert.Equal(row[2], HpaTargets.Format(hpa!));
        var describe = await Kubectl.OkAsync(_kubeconfig, "describe", "hpa", "norequests", "-n", _ns);
        Assert.Contains("missing request for cpu", describe);
    }

    /// <summary>
    /// Waits until `kubectl get hpa` shows <paramref name="targets"/> and <paramref name="replicas"/>; on the way, whenever
    /// the HPA did not change around kubectl's read, the Engine's TARGETS must be the server's.
    /// </summary>
    private async Task WaitForHpaAsync(string targets, int replicas, TimeSpan timeout, string what)
    {
        var compared = 0;
        await Eventually.WaitAsync(async () =>
        {
            var before = await ReadHpaAsync("load");
            var row = Kubectl.Rows(await Kubectl.OkAsync(_kubeconfig, "get", "hpa", "load", "-n", _ns)).Single();
            var after = await ReadHpaAsync("load");
            if (before.Metadata.ResourceVersion == after.Metadata.ResourceVersion)
            {
                Assert.Equal(row[2], HpaTargets.Format(after));
                compared++;
            }
            return (compared > 0 && row[2] == targets && row[5] == replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(" ", row));
        }, timeout, what);
    }

    private async Task<V2HorizontalPodAutoscaler> ReadHpaAsync(string name)
    {
        // The 1.20 server serves autoscaling/v2beta2, whose shape is v2's.
        var raw = await Kubectl.OkAsync(_kubeconfig, "get", "--raw", $"/apis/autoscaling/v2beta2/namespaces/{_ns}/horizontalpodautoscalers/{name}");
        return KubernetesJson.Deserialize<V2HorizontalPodAutoscaler>(raw);
    }

    private Task SetLoadAsync(string cpu) =>
        _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(new
        {
            spec = new { template = new { metadata = new { annotations = new Dictionary<string, string> { ["sim.k8sps.io/cpu"] = cpu } } } },
        }, V1Patch.PatchType.StrategicMergePatch), "load", _ns);

    private static V1Deployment Deployment(string name, int replicas, string? cpuRequest, Dictionary<string, string> annotations, string? sidecar = null)
    {
        var labels = new Dictionary<string, string> { ["app"] = name };
        var containers = new List<V1Container>
        {
            new()
            {
                Name = "web",
                Image = "nginx",
                Resources = cpuRequest is null ? null : new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpuRequest) } },
            },
        };
        if (sidecar is not null) containers.Add(new V1Container { Name = sidecar, Image = "busybox" });
        return new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels, Annotations = annotations },
                    Spec = new V1PodSpec { Containers = containers },
                },
            },
        };
    }
}
