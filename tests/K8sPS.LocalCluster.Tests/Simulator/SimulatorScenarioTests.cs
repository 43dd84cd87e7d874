using System.Diagnostics;
using k8s;
using k8s.Models;
using K8sPS.Engine.Editing;

namespace K8sPS.LocalCluster.Tests.Simulator;

/// <summary>
/// Issue 2's "how we will know", for the simulated nodes and the storage: the real controllers and
/// scheduler at work on our nodes, checked the way a user would check them. Each test has a namespace
/// of its own, deleted (and waited for) afterwards.
/// </summary>
[Collection("cluster")]
public sealed class SimulatorScenarioTests : IClassFixture<SimulatedNodesFixture>, IAsyncLifetime
{
    private readonly SimulatedNodesFixture _nodes;
    private readonly IKubernetes _client;
    private readonly string _ns = "simtest-" + Guid.NewGuid().ToString("N")[..8];

    public SimulatorScenarioTests(SimulatedNodesFixture nodes)
    {
        _nodes = nodes;
        _client = nodes.Client;
    }

    public Task InitializeAsync() =>
        _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _ns } });

    public async Task DisposeAsync()
    {
        await _client.CoreV1.DeleteNamespaceAsync(_ns);
        // Pods gone before the next test, so IPs and nodes are as the next one expects.
        await Eventually.WaitAsync(async () =>
        {
            var pods = (await _client.CoreV1.ListNamespacedPodAsync(_ns)).Items;
            return (pods.Count == 0, $"{pods.Count} pods left in {_ns}");
        }, $"the pods of {_ns} to be deleted");
    }

    [Fact]
    public async Task The_nodes_stay_ready_untainted_and_renew_their_leases()
    {
        var nodes = (await _client.CoreV1.ListNodeAsync()).Items.Where(SimulatedNodesFixture.IsReady).ToList();
        Assert.True(nodes.Count >= SimulatedNodesFixture.MinimumNodes);
        Assert.All(nodes, node =>
        {
            Assert.Null(node.Spec.Taints);
            Assert.False(string.IsNullOrEmpty(node.Spec.PodCIDR));
            Assert.Equal(node.Metadata.Name, node.Metadata.Labels["kubernetes.io/hostname"]);
            Assert.Contains(node.Status.Addresses, a => a.Type == "InternalIP");
            Assert.Equal(new[] { "DiskPressure", "MemoryPressure", "NetworkUnavailable", "PIDPressure", "Ready" },
                node.Status.Conditions.Select(c => c.Type).Order());
            Assert.True(int.Parse(node.Status.Allocatable["pods"].ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        });

        // The node lifecycle controller goes by the leases: each is renewed while we watch.
        var first = (await _client.CoordinationV1.ListNamespacedLeaseAsync("kube-node-lease")).Items.ToDictionary(l => l.Metadata.Name, l => l.Spec.RenewTime);
        await Eventually.WaitAsync(async () =>
        {
            var leases = (await _client.CoordinationV1.ListNamespacedLeaseAsync("kube-node-lease")).Items.ToDictionary(l => l.Metadata.Name, l => l.Spec.RenewTime);
            var stale = nodes.Select(n => n.Metadata.Name).Where(n => !leases.TryGetValue(n, out var t) || !first.TryGetValue(n, out var f) || t <= f).ToList();
            return (stale.Count == 0, $"leases not renewed yet: {string.Join(", ", stale)}");
        }, "every node's lease to be renewed");
    }

    [Fact]
    public async Task A_node_the_lifecycle_controller_marked_unknown_reports_ready_again()
    {
        // What the node lifecycle controller writes when heartbeats stopped (an API server outage, say).
        var node = (await _client.CoreV1.ListNodeAsync()).Items
            .Where(n => SimulatedNodesFixture.IsReady(n) && n.Metadata.Annotations?.ContainsKey(K8sPS.LocalCluster.Simulator.NodeObjectFactory.SimulatedByAnnotation) == true)
            .Select(n => n.Metadata.Name).Order().First();
        await _client.CoreV1.PatchNodeStatusAsync(new V1Patch(new
        {
            status = new { conditions = new[] { new { type = "Ready", status = "Unknown", reason = "NodeStatusUnknown", message = "Kubelet stopped posting node status." } } },
        }, V1Patch.PatchType.StrategicMergePatch), node);

        await Eventually.WaitAsync(async () =>
        {
            var ready = (await _client.CoreV1.ReadNodeAsync(node)).Status.Conditions.Single(c => c.Type == "Ready");
            return (ready.Status == "True" && ready.Reason == "KubeletReady", $"Ready={ready.Status} ({ready.Reason})");
        }, $"node {node} to report Ready again");
    }

    [Fact]
    public async Task A_deployment_of_three_replicas_reaches_three_of_three_available()
    {
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", 3), _ns);

        await Eventually.WaitAsync(async () =>
        {
            var d = await _client.AppsV1.ReadNamespacedDeploymentAsync("web", _ns);
            return (d.Status?.AvailableReplicas == 3 && d.Status.ReadyReplicas == 3 && d.Status.UpdatedReplicas == 3,
                $"ready {d.Status?.ReadyReplicas ?? 0}, available {d.Status?.AvailableReplicas ?? 0}");
        }, "deployment web to be 3/3 available");

        var pods = (await _client.CoreV1.ListNamespacedPodAsync(_ns, labelSelector: "app=web")).Items;
        Assert.Equal(3, pods.Count);
        Assert.All(pods, pod =>
        {
            Assert.Equal("Running", pod.Status.Phase);
            Assert.Contains(pod.Status.Conditions, c => c.Type == "Ready" && c.Status == "True");
            Assert.False(string.IsNullOrEmpty(pod.Status.PodIP));
            Assert.False(string.IsNullOrEmpty(pod.Status.HostIP));
            Assert.NotNull(pod.Status.StartTime);
            Assert.NotNull(Assert.Single(pod.Status.ContainerStatuses).State.Running?.StartedAt);
        });
        Assert.Equal(3, pods.Select(p => p.Status.PodIP).Distinct().Count());
    }

    [Fact]
    public async Task A_service_gets_endpoints_with_the_pods_IPs()
    {
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", 2), _ns);
        await _client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec
            {
                Selector = new Dictionary<string, string> { ["app"] = "web" },
                Ports = new List<V1ServicePort> { new() { Port = 80, TargetPort = 80 } },
            },
        }, _ns);

        string[] podIps = [];
        string[] endpointIps = [];
        await Eventually.WaitAsync(async () =>
        {
            var pods = (await _client.CoreV1.ListNamespacedPodAsync(_ns, labelSelector: "app=web")).Items;
            podIps = pods.Where(IsReady).Select(p => p.Status.PodIP).Order().ToArray();
            var endpoints = await TryReadEndpointsAsync("web");
            endpointIps = (endpoints?.Subsets ?? new List<V1EndpointSubset>())
                .SelectMany(s => s.Addresses ?? new List<V1EndpointAddress>()).Select(a => a.Ip).Order().ToArray();
            return (podIps.Length == 2 && podIps.SequenceEqual(endpointIps),
                $"ready pod IPs [{string.Join(", ", podIps)}], endpoint IPs [{string.Join(", ", endpointIps)}]");
        }, "endpoints of service web to list both pods' IPs");

        Assert.Equal(podIps, endpointIps);
    }

    [Fact]
    public async Task A_statefulset_creates_my_app_0_1_2_in_order_with_bound_volumes()
    {
        await _client.AppsV1.CreateNamespacedStatefulSetAsync(new V1StatefulSet
        {
            Metadata = new V1ObjectMeta { Name = "my-app" },
            Spec = new V1StatefulSetSpec
            {
                ServiceName = "my-app",
                Replicas = 3,
                Selector = new V1LabelSelector { MatchLabels = Labels("my-app") },
                Template = Template("my-app"),
                VolumeClaimTemplates = new List<V1PersistentVolumeClaim>
                {
                    new()
                    {
                        Metadata = new V1ObjectMeta { Name = "data" },
                        Spec = new V1PersistentVolumeClaimSpec
                        {
                            AccessModes = new List<string> { "ReadWriteOnce" },
                            // An odd size, so that no static volume someone left Available in the class matches first.
                            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1234Mi") } },
                        },
                    },
                },
            },
        }, _ns);

        IList<V1Pod> pods = [];
        await Eventually.WaitAsync(async () =>
        {
            pods = (await _client.CoreV1.ListNamespacedPodAsync(_ns, labelSelector: "app=my-app")).Items;
            return (pods.Count == 3 && pods.All(IsReady), string.Join(", ", pods.Select(Describe)));
        }, TimeSpan.FromSeconds(120), "my-app-0, -1 and -2 to be Ready");

        // OrderedReady: each pod is created only once the one before it is Ready.
        var ordered = pods.OrderBy(p => p.Metadata.CreationTimestamp).ThenBy(p => p.Metadata.Name).ToList();
        Assert.Equal(new[] { "my-app-0", "my-app-1", "my-app-2" }, ordered.Select(p => p.Metadata.Name));
        for (var i = 1; i < ordered.Count; i++)
        {
            var previousReady = ordered[i - 1].Status.Conditions.Single(c => c.Type == "Ready").LastTransitionTime;
            Assert.True(ordered[i].Metadata.CreationTimestamp >= previousReady,
                $"{ordered[i].Metadata.Name} was created at {ordered[i].Metadata.CreationTimestamp:O}, before {ordered[i - 1].Metadata.Name} was Ready at {previousReady:O}");
        }

        var claims = (await _client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(_ns)).Items.OrderBy(c => c.Metadata.Name).ToList();
        Assert.Equal(new[] { "data-my-app-0", "data-my-app-1", "data-my-app-2" }, claims.Select(c => c.Metadata.Name));
        Assert.All(claims, c =>
        {
            Assert.Equal("Bound", c.Status.Phase);
            Assert.Equal("pvc-" + c.Metadata.Uid, c.Spec.VolumeName);
        });
    }

    [Fact]
    public async Task A_daemonset_puts_one_pod_on_each_node()
    {
        var nodes = (await _client.CoreV1.ListNodeAsync()).Items
            .Where(n => SimulatedNodesFixture.IsReady(n) && (n.Spec.Taints?.Count ?? 0) == 0).Select(n => n.Metadata.Name).Order().ToList();
        Assert.True(nodes.Count >= SimulatedNodesFixture.MinimumNodes, $"only {nodes.Count} usable nodes");
        await _client.AppsV1.CreateNamespacedDaemonSetAsync(new V1DaemonSet
        {
            Metadata = new V1ObjectMeta { Name = "agent" },
            Spec = new V1DaemonSetSpec { Selector = new V1LabelSelector { MatchLabels = Labels("agent") }, Template = Template("agent") },
        }, _ns);

        IList<V1Pod> pods = [];
        await Eventually.WaitAsync(async () =>
        {
            pods = (await _client.CoreV1.ListNamespacedPodAsync(_ns, labelSelector: "app=agent")).Items;
            var ds = await _client.AppsV1.ReadNamespacedDaemonSetAsync("agent", _ns);
            return (pods.Count == nodes.Count && pods.All(IsReady) && ds.Status.NumberReady == nodes.Count,
                $"{pods.Count(IsReady)} of {pods.Count} pods ready; daemonset says {ds.Status?.NumberReady}/{ds.Status?.DesiredNumberScheduled}");
        }, "a Ready agent pod on every node");

        Assert.Equal(nodes, pods.Select(p => p.Spec.NodeName).Order());
    }

    [Fact]
    public async Task A_pod_whose_nodeSelector_no_node_matches_stays_pending_unschedulable()
    {
        var pod = Pod("picky");
        pod.Spec.NodeSelector = new Dictionary<string, string> { ["k8sps.io/no-such-label"] = "anything" };
        await CreatePodAsync(pod);

        V1PodCondition? scheduled = null;
        await Eventually.WaitAsync(async () =>
        {
            var current = await _client.CoreV1.ReadNamespacedPodAsync("picky", _ns);
            scheduled = current.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
            return (scheduled is not null, Describe(current));
        }, "the scheduler to report on pod picky");

        var after = await _client.CoreV1.ReadNamespacedPodAsync("picky", _ns);
        Assert.Equal("Pending", after.Status.Phase);
        Assert.Null(after.Spec.NodeName);
        Assert.Equal("False", scheduled!.Status);
        Assert.Equal("Unschedulable", scheduled.Reason);
        Assert.Contains("node(s) didn't match", scheduled.Message);
    }

    [Fact]
    public async Task A_claim_binds_to_a_provisioned_volume_that_goes_with_the_claim()
    {
        await _client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(new V1PersistentVolumeClaim
        {
            Metadata = new V1ObjectMeta { Name = "data" },
            Spec = new V1PersistentVolumeClaimSpec
            {
                AccessModes = new List<string> { "ReadWriteOnce" },
                Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("2345Mi") } },
            },
        }, _ns);

        V1PersistentVolumeClaim claim = null!;
        await Eventually.WaitAsync(async () =>
        {
            claim = await _client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("data", _ns);
            return (claim.Status?.Phase == "Bound", $"claim {claim.Status?.Phase}, volume '{claim.Spec.VolumeName}'");
        }, "claim data to be Bound");

        var volume = await _client.CoreV1.ReadPersistentVolumeAsync(claim.Spec.VolumeName);
        Assert.Equal("pvc-" + claim.Metadata.Uid, volume.Metadata.Name);
        Assert.Equal("standard", claim.Spec.StorageClassName);
        Assert.Equal("standard", volume.Spec.StorageClassName);
        Assert.Equal("Bound", volume.Status.Phase);
        Assert.Equal(claim.Metadata.Uid, volume.Spec.ClaimRef.Uid);
        Assert.Equal(_ns, volume.Spec.ClaimRef.NamespaceProperty);
        Assert.Equal("2345Mi", volume.Spec.Capacity["storage"].ToString());
        Assert.Equal(new[] { "ReadWriteOnce" }, volume.Spec.AccessModes);
        Assert.Equal("Delete", volume.Spec.PersistentVolumeReclaimPolicy);
        Assert.EndsWith(volume.Metadata.Name, volume.Spec.HostPath.Path);

        await _client.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync("data", _ns);
        await Eventually.WaitAsync(async () =>
        {
            var left = (await _client.CoreV1.ListPersistentVolumeAsync()).Items.FirstOrDefault(v => v.Metadata.Name == volume.Metadata.Name);
            return (left is null, $"volume {left?.Metadata.Name} {left?.Status?.Phase}");
        }, $"volume {volume.Metadata.Name} to be deleted with its claim");
    }

    [Fact]
    public async Task Deleting_a_pod_frees_its_IP_for_the_next_pod_on_its_node()
    {
        var node = (await _client.CoreV1.ListNodeAsync()).Items.Where(SimulatedNodesFixture.IsReady).Select(n => n.Metadata.Name).Order().Last();
        var first = Pod("first");
        first.Spec.NodeName = node;
        await CreatePodAsync(first);
        var ip = await WaitForPodIpAsync("first");

        await _client.CoreV1.DeleteNamespacedPodAsync("first", _ns);
        await Eventually.WaitAsync(async () =>
        {
            var pods = (await _client.CoreV1.ListNamespacedPodAsync(_ns, fieldSelector: "metadata.name=first")).Items;
            return (pods.Count == 0, string.Join(", ", pods.Select(Describe)));
        }, "pod first to be gone");
        if (_nodes.Simulator is { } simulator) Assert.False(simulator.IsPodIpInUse(ip), $"{ip} is still allocated");

        // IPs go lowest free first: the next pod on the node gets the freed one back.
        var second = Pod("second");
        second.Spec.NodeName = node;
        await CreatePodAsync(second);
        Assert.Equal(ip, await WaitForPodIpAsync("second"));
    }

    [Fact]
    public async Task Init_containers_run_one_after_another_before_the_containers()
    {
        var pod = Pod("init");
        pod.Spec.InitContainers = new List<V1Container>
        {
            new() { Name = "migrate", Image = "busybox:1.36" },
            new() { Name = "warm-up", Image = "busybox:1.36" },
        };
        await CreatePodAsync(pod);
        var ready = await WaitForReadyPodAsync("init");

        var inits = ready.Status.InitContainerStatuses;
        Assert.Equal(new[] { "migrate", "warm-up" }, inits.Select(s => s.Name));
        Assert.All(inits, s =>
        {
            Assert.Equal("Completed", s.State.Terminated?.Reason);
            Assert.Equal(0, s.State.Terminated!.ExitCode);
        });
        Assert.True(inits[0].State.Terminated!.FinishedAt <= inits[1].State.Terminated!.StartedAt);
        Assert.True(inits[1].State.Terminated!.FinishedAt <= ready.Status.ContainerStatuses[0].State.Running.StartedAt);
        Assert.Contains(ready.Status.Conditions, c => c.Type == "Initialized" && c.Status == "True");
    }

    [Fact]
    public async Task A_job_pod_runs_to_Succeeded_and_the_job_completes()
    {
        await _client.BatchV1.CreateNamespacedJobAsync(new V1Job
        {
            Metadata = new V1ObjectMeta { Name = "once" },
            Spec = new V1JobSpec
            {
                Template = new V1PodTemplateSpec
                {
                    Spec = new V1PodSpec { RestartPolicy = "Never", Containers = new List<V1Container> { new() { Name = "task", Image = "busybox:1.36" } } },
                },
            },
        }, _ns);

        await Eventually.WaitAsync(async () =>
        {
            var job = await _client.BatchV1.ReadNamespacedJobAsync("once", _ns);
            return (job.Status?.Succeeded == 1 && job.Status.CompletionTime is not null, $"succeeded {job.Status?.Succeeded ?? 0}, active {job.Status?.Active ?? 0}");
        }, "job once to complete");

        var pod = Assert.Single((await _client.CoreV1.ListNamespacedPodAsync(_ns, labelSelector: "job-name=once")).Items);
        Assert.Equal("Succeeded", pod.Status.Phase);
        Assert.Equal("Completed", pod.Status.ContainerStatuses[0].State.Terminated?.Reason);
    }

    [Fact]
    public async Task A_pod_whose_command_exits_non_zero_fails_and_kubectl_says_Error()
    {
        var pod = Pod("oops");
        pod.Spec.RestartPolicy = "Never";
        pod.Spec.Containers[0].Image = "busybox:1.36";
        pod.Spec.Containers[0].Command = new List<string> { "sh", "-c", "echo working; exit 3" };
        await CreatePodAsync(pod);

        V1Pod failed = null!;
        await Eventually.WaitAsync(async () =>
        {
            failed = await _client.CoreV1.ReadNamespacedPodAsync("oops", _ns);
            return (failed.Status?.Phase == "Failed", Describe(failed));
        }, "pod oops to fail");

        var terminated = failed.Status.ContainerStatuses.Single().State.Terminated;
        Assert.Equal(3, terminated?.ExitCode);
        Assert.Equal("Error", terminated?.Reason);
        var columns = RunKubectl("get", "pod", "oops", "--namespace", _ns, "--no-headers").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(("0/1", "Error"), (columns[1], columns[2]));
    }

    [Fact]
    public async Task A_deleted_pod_with_a_finalizer_stops_its_containers_and_waits_for_the_finalizer()
    {
        var pod = Pod("kept");
        pod.Metadata.Finalizers = new List<string> { "k8sps.io/test-hold" };
        await CreatePodAsync(pod);
        await WaitForReadyPodAsync("kept");

        await _client.CoreV1.DeleteNamespacedPodAsync("kept", _ns);
        V1Pod held = null!;
        await Eventually.WaitAsync(async () =>
        {
            held = await _client.CoreV1.ReadNamespacedPodAsync("kept", _ns);
            var stopped = held.Status.ContainerStatuses?.All(s => s.State.Terminated is not null) == true;
            return (stopped && held.Metadata.DeletionGracePeriodSeconds == 0, Describe(held) + $" grace={held.Metadata.DeletionGracePeriodSeconds}");
        }, "pod kept to be stopped and finally deleted, held by its finalizer");

        Assert.NotNull(held.Metadata.DeletionTimestamp);
        Assert.Contains(held.Status.Conditions, c => c.Type == "Ready" && c.Status == "False");

        await _client.CoreV1.PatchNamespacedPodAsync(new V1Patch(new { metadata = new { finalizers = Array.Empty<string>() } }, V1Patch.PatchType.MergePatch), "kept", _ns);
        await Eventually.WaitAsync(async () =>
        {
            var pods = (await _client.CoreV1.ListNamespacedPodAsync(_ns, fieldSelector: "metadata.name=kept")).Items;
            return (pods.Count == 0, string.Join(", ", pods.Select(Describe)));
        }, "pod kept to be gone once its finalizer is removed");
    }

    [Fact]
    public async Task Kubectl_shows_the_pods_ready_and_running()
    {
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", 2), _ns);
        await Eventually.WaitAsync(async () =>
        {
            var pods = (await _client.CoreV1.ListNamespacedPodAsync(_ns)).Items;
            return (pods.Count == 2 && pods.All(IsReady), string.Join(", ", pods.Select(Describe)));
        }, "2 ready pods");

        var output = RunKubectl("get", "pods", "--namespace", _ns, "--no-headers");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line =>
        {
            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("web-", columns[0]);
            Assert.Equal("1/1", columns[1]);
            Assert.Equal("Running", columns[2]);
            Assert.Equal("0", columns[3]);
        });

        var nodes = RunKubectl("get", "nodes", "--no-headers").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(nodes.Count(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] == "Ready") >= SimulatedNodesFixture.MinimumNodes, string.Join("\n", nodes));
    }

    private string RunKubectl(params string[] args)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(_nodes.KubeconfigPath);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed: {stderr}");
        return stdout.Result;
    }

    /// <summary>
    /// Creates a pod, waiting out the moment after a namespace is made when 1.20's token controller has
    /// not yet given its default service account a token (the server then answers 500 "retry after").
    /// </summary>
    private async Task CreatePodAsync(V1Pod pod)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _client.CoreV1.CreateNamespacedPodAsync(pod, _ns);
                return;
            }
            catch (k8s.Autorest.HttpOperationException e) when (attempt < 40 && e.Response.StatusCode == System.Net.HttpStatusCode.InternalServerError
                && e.Response.Content.Contains("retry after the token is automatically created", StringComparison.Ordinal))
            {
                await Task.Delay(250);
            }
        }
    }

    private async Task<string> WaitForPodIpAsync(string name)
    {
        var pod = await WaitForReadyPodAsync(name);
        return pod.Status.PodIP;
    }

    private async Task<V1Pod> WaitForReadyPodAsync(string name)
    {
        V1Pod pod = null!;
        await Eventually.WaitAsync(async () =>
        {
            pod = await _client.CoreV1.ReadNamespacedPodAsync(name, _ns);
            return (IsReady(pod), Describe(pod));
        }, $"pod {name} to be Running and Ready");
        return pod;
    }

    private async Task<V1Endpoints?> TryReadEndpointsAsync(string name)
    {
        try { return await _client.CoreV1.ReadNamespacedEndpointsAsync(name, _ns); }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound) { return null; }
    }

    private static bool IsReady(V1Pod pod) =>
        pod.Status?.Phase == "Running" && pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static string Describe(V1Pod pod) =>
        $"{pod.Metadata.Name} {pod.Status?.Phase} on '{pod.Spec?.NodeName}' ip={pod.Status?.PodIP} " +
        string.Join(",", pod.Status?.Conditions?.Select(c => $"{c.Type}={c.Status}{(c.Reason is null ? "" : "/" + c.Reason)}") ?? []);

    private static Dictionary<string, string> Labels(string app) => new() { ["app"] = app };

    private static V1PodTemplateSpec Template(string app) => new()
    {
        Metadata = new V1ObjectMeta { Labels = Labels(app) },
        Spec = new V1PodSpec { Containers = new List<V1Container> { new() { Name = "nginx", Image = "nginx:1.25", Ports = new List<V1ContainerPort> { new() { ContainerPort = 80 } } } } },
    };

    private static V1Deployment Deployment(string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec { Replicas = replicas, Selector = new V1LabelSelector { MatchLabels = Labels(name) }, Template = Template(name) },
    };

    private static V1Pod Pod(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = Labels(name) },
        Spec = new V1PodSpec { Containers = new List<V1Container> { new() { Name = "nginx", Image = "nginx:1.25" } } },
    };
}
