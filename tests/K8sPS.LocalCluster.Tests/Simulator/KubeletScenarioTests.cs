using System.Text.Json;
using k8s;
using k8s.Models;
using K8sPS.LocalCluster.Simulator;
using K8sPS.Engine.Editing;
using K8sPS.Engine.Events;

namespace K8sPS.LocalCluster.Tests.Simulator;

/// <summary>
/// The steerable kubelet through the real control plane, checked as a user checks a rollout: kubectl get,
/// describe, events, logs, exec, Endpoints and nodes. Pod time runs at the cluster's 0.1 scale, so a
/// back-off is 1 s, 2 s, 4 s... Each test has a namespace of its own, deleted (and waited for) afterwards.
/// </summary>
[Collection("cluster")]
public sealed class KubeletScenarioTests : IClassFixture<SimulatedNodesFixture>, IAsyncLifetime
{
    private readonly SimulatedNodesFixture _nodes;
    private readonly IKubernetes _client;
    private readonly string _ns = "kubelet-" + Guid.NewGuid().ToString("N")[..8];

    public KubeletScenarioTests(SimulatedNodesFixture nodes)
    {
        _nodes = nodes;
        _client = nodes.Client;
    }

    public Task InitializeAsync() =>
        _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _ns } });

    public async Task DisposeAsync()
    {
        await _client.CoreV1.DeleteNamespaceAsync(_ns);
        await Eventually.WaitAsync(async () =>
        {
            var pods = (await _client.CoreV1.ListNamespacedPodAsync(_ns)).Items;
            return (pods.Count == 0, $"{pods.Count} pods left in {_ns}");
        }, TimeSpan.FromSeconds(90), $"the pods of {_ns} to be deleted");
    }

    private Task<string> KubectlAsync(params string[] args) => Kubectl.OutputAsync(_nodes.KubeconfigPath, args);

    private Task<Kubectl.Result> KubectlResultAsync(params string[] args) => Kubectl.RunAsync(_nodes.KubeconfigPath, TimeSpan.FromSeconds(60), args);

    private async Task<string[]> PodRowAsync(string name) =>
        Kubectl.Rows(await KubectlAsync("get", "pod", name, "-n", _ns, "--no-headers")).Single();

    [Fact]
    public async Task A_container_that_keeps_exiting_goes_CrashLoopBackOff_with_rising_restarts_as_kubectl_shows()
    {
        await CreatePodAsync(Pod("crash", new() { [SimAnnotations.ExitCode] = "1", [SimAnnotations.ExitAfter] = "5s" }));

        string[] row = [];
        await Eventually.WaitAsync(async () =>
        {
            row = await PodRowAsync("crash");
            return (row[2] == "CrashLoopBackOff" && int.Parse(row[3], System.Globalization.CultureInfo.InvariantCulture) >= 2, string.Join(' ', row));
        }, "kubectl get pod crash to show CrashLoopBackOff with 2 restarts or more");
        Assert.Equal("0/1", row[1]);

        var describe = await KubectlAsync("describe", "pod", "crash", "-n", _ns);
        Assert.Matches(@"State:\s+Waiting\s+Reason:\s+CrashLoopBackOff", describe);
        Assert.Matches(@"Last State:\s+Terminated\s+Reason:\s+Error\s+Exit Code:\s+1", describe);
        Assert.Matches(@"Warning\s+BackOff\s+.*kubelet\s+Back-off restarting failed container", describe);
        Assert.Matches(@"Normal\s+Created\s+\S+ \(x\d+ over \S+\)\s+kubelet\s+Created container app", describe);

        var pod = await _client.CoreV1.ReadNamespacedPodAsync("crash", _ns);
        var status = pod.Status.ContainerStatuses.Single();
        Assert.StartsWith("back-off ", status.State.Waiting?.Message ?? status.LastState.Terminated?.Message ?? "back-off ");
        Assert.Equal("Running", pod.Status.Phase);
    }

    [Fact]
    public async Task A_failing_liveness_probe_restarts_the_container_until_CrashLoopBackOff()
    {
        var pod = Pod("sick", new() { [SimAnnotations.LivenessFailsAfter] = "0s" });
        pod.Spec.Containers[0].LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = 80 }, PeriodSeconds = 2, FailureThreshold = 3 };
        await CreatePodAsync(pod);

        await Eventually.WaitAsync(async () =>
        {
            var row = await PodRowAsync("sick");
            return (row[2] == "CrashLoopBackOff", string.Join(' ', row));
        }, TimeSpan.FromSeconds(90), "kubectl get pod sick to show CrashLoopBackOff");

        var current = (await _client.CoreV1.ReadNamespacedPodAsync("sick", _ns)).Status.ContainerStatuses.Single();
        // Killed at once twice; the third kill comes sooner than the back-off (1 s here) allows a restart.
        Assert.True(current.RestartCount >= 2, $"restartCount {current.RestartCount}");
        Assert.Equal((137, "Error"), (current.LastState.Terminated.ExitCode, current.LastState.Terminated.Reason));

        var events = await PodEventsAsync("sick");
        var unhealthy = events.Single(e => e.Reason == "Unhealthy");
        Assert.Equal(("Warning", "Liveness probe failed: HTTP probe failed with statuscode: 500"), (unhealthy.Type, unhealthy.Message));
        Assert.True(unhealthy.Count >= 9, $"Unhealthy counted {unhealthy.Count}");
        Assert.Contains(events, e => e.Reason == "Killing" && e.Message == "Container app failed liveness probe, will be restarted");
        Assert.Contains(events, e => e.Reason == "BackOff" && e.Type == "Warning");
    }

    [Fact]
    public async Task A_failing_readiness_probe_takes_the_pod_out_of_the_service_endpoints()
    {
        var healthy = Pod("healthy", null);
        var flaky = Pod("flaky", new() { [SimAnnotations.ReadinessFailsAfter] = "20s" });
        foreach (var pod in new[] { healthy, flaky })
        {
            pod.Metadata.Labels["tier"] = "web";
            pod.Spec.Containers[0].ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/", Port = 80 }, PeriodSeconds = 5, FailureThreshold = 2 };
            await CreatePodAsync(pod);
        }
        await _client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["tier"] = "web" }, Ports = new List<V1ServicePort> { new() { Port = 80 } } },
        }, _ns);

        // Ready at first, then the flaky pod's probe fails (20 s pod time: 2 s here) and it moves to notReadyAddresses.
        string[] ready = [], notReady = [];
        await Eventually.WaitAsync(async () =>
        {
            (ready, notReady) = await EndpointNamesAsync("web");
            return (ready.SequenceEqual(["healthy"]) && notReady.SequenceEqual(["flaky"]), $"ready [{string.Join(',', ready)}], not ready [{string.Join(',', notReady)}]");
        }, "pod flaky to leave the ready endpoints of service web");

        var row = await PodRowAsync("flaky");
        Assert.Equal(("0/1", "Running", "0"), (row[1], row[2], row[3]));
        var condition = (await _client.CoreV1.ReadNamespacedPodAsync("flaky", _ns)).Status.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(("False", "ContainersNotReady"), (condition.Status, condition.Reason));
        Assert.Contains(await PodEventsAsync("flaky"), e => e.Reason == "Unhealthy" && e.Message == "Readiness probe failed: HTTP probe failed with statuscode: 500");
    }

    [Fact]
    public async Task An_image_the_catalog_lacks_goes_ErrImagePull_then_ImagePullBackOff()
    {
        var catalog = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = ImageCatalog.ConfigMapName },
            Data = new Dictionary<string, string> { [ImageCatalog.MissingKey] = "*:lastest" },
        };
        await _client.CoreV1.CreateNamespacedConfigMapAsync(catalog, ImageCatalog.ConfigMapNamespace);
        try
        {
            // The watch delivers the catalog in milliseconds; the pod still has to be scheduled.
            await Task.Delay(500);
            var pod = Pod("typo", null);
            pod.Spec.Containers[0].Image = "my-docker-hub/app:lastest";
            await CreatePodAsync(pod);

            var seen = new HashSet<string>();
            await Eventually.WaitAsync(async () =>
            {
                var row = await PodRowAsync("typo");
                seen.Add(row[2]);
                return (seen.Contains("ImagePullBackOff"), string.Join(' ', row) + $" (seen {string.Join(", ", seen)})");
            }, TimeSpan.FromSeconds(90), "kubectl get pod typo to show ImagePullBackOff");
            Assert.Contains("ErrImagePull", seen);
            Assert.DoesNotContain("Running", seen);

            var describe = await KubectlAsync("describe", "pod", "typo", "-n", _ns);
            Assert.Contains("Failed to pull image \"my-docker-hub/app:lastest\": rpc error: code = NotFound", describe);
            Assert.Matches(@"Normal\s+Pulling\s+.*kubelet\s+Pulling image ""my-docker-hub/app:lastest""", describe);
            var logs = await KubectlResultAsync("logs", "typo", "-n", _ns);
            Assert.NotEqual(0, logs.ExitCode);
            Assert.Matches("container \"app\" in pod \"typo\" is waiting to start: (trying and failing to pull image|image can't be pulled)", logs.Error);
        }
        finally
        {
            await _client.CoreV1.DeleteNamespacedConfigMapAsync(ImageCatalog.ConfigMapName, ImageCatalog.ConfigMapNamespace);
        }
    }

    [Fact]
    public async Task Exit_codes_end_the_pod_or_restart_it_by_its_restart_policy()
    {
        var cases = new (string Name, string Policy, string Code, string Status)[]
        {
            ("never-ok", "Never", "0", "Completed"),
            ("never-fail", "Never", "2", "Error"),
            ("onfailure-fail", "OnFailure", "2", "CrashLoopBackOff"),
            ("always-ok", "Always", "0", "CrashLoopBackOff"),
        };
        foreach (var c in cases)
        {
            var pod = Pod(c.Name, new() { [SimAnnotations.ExitCode] = c.Code });
            pod.Spec.RestartPolicy = c.Policy;
            await CreatePodAsync(pod);
        }
        foreach (var c in cases)
        {
            await Eventually.WaitAsync(async () =>
            {
                var row = await PodRowAsync(c.Name);
                return (row[2] == c.Status, string.Join(' ', row));
            }, $"kubectl get pod {c.Name} to show {c.Status}");
        }
        Assert.Equal("Succeeded", (await _client.CoreV1.ReadNamespacedPodAsync("never-ok", _ns)).Status.Phase);
        var failed = await _client.CoreV1.ReadNamespacedPodAsync("never-fail", _ns);
        Assert.Equal(("Failed", 2), (failed.Status.Phase, failed.Status.ContainerStatuses[0].State.Terminated.ExitCode));
        Assert.Equal(0, failed.Status.ContainerStatuses[0].RestartCount);
        var restarted = await _client.CoreV1.ReadNamespacedPodAsync("always-ok", _ns);
        Assert.Equal(("Running", "Completed"), (restarted.Status.Phase, restarted.Status.ContainerStatuses[0].LastState.Terminated.Reason));
    }

    [Fact]
    public async Task Kubectl_lists_the_kubelets_events_of_a_pod_as_a_real_node_writes_them()
    {
        await CreatePodAsync(Pod("plain", null));
        var pod = await WaitForReadyPodAsync("plain");

        List<EventRow> events = [];
        await Eventually.WaitAsync(async () =>
        {
            events = await PodEventsAsync("plain");
            return (events.Count(e => e.Component == "kubelet") == 3, string.Join(", ", events.Select(e => e.Reason)));
        }, "the kubelet's three events of pod plain");
        var kubelet = events.Where(e => e.Component == "kubelet").ToList();
        Assert.Equal(new[] { "Pulled", "Created", "Started" }, kubelet.Select(e => e.Reason));
        Assert.Equal(new[] { "Container image \"nginx:1.25\" already present on machine", "Created container app", "Started container app" }, kubelet.Select(e => e.Message));
        Assert.All(kubelet, e => Assert.Equal((pod.Spec.NodeName, "spec.containers{app}", "Normal", 1), (e.Host, e.FieldPath, e.Type, e.Count)));
        Assert.Contains(events, e => e.Reason == "Scheduled" && e.Component == "default-scheduler");

        var table = await KubectlAsync("get", "events", "-n", _ns, "--field-selector", "involvedObject.name=plain");
        Assert.Matches(@"Normal\s+Started\s+pod/plain\s+Started container app", table);
        var describe = await KubectlAsync("describe", "pod", "plain", "-n", _ns);
        Assert.Matches(@"Normal\s+Pulled\s+\S+\s+kubelet\s+Container image ""nginx:1.25"" already present on machine", describe);
    }

    [Fact]
    public async Task Kubectl_logs_reads_what_the_container_wrote_through_the_api_server()
    {
        var pod = Pod("talker", new() { [SimAnnotations.Log] = "hello from talker\nsecond line", [SimAnnotations.LogEvery] = "5s" });
        pod.Spec.Containers.Add(new V1Container { Name = "sidecar", Image = "busybox:1.36" });
        await CreatePodAsync(pod);
        var ready = await WaitForReadyPodAsync("talker");

        var logs = await KubectlAsync("logs", "talker", "-n", _ns, "-c", "app");
        var lines = logs.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"[k8sps-sim] container app started from image nginx:1.25 on node {ready.Spec.NodeName} (restart 0)", lines[0]);
        Assert.Equal(new[] { "hello from talker", "second line" }, lines[1..3]);

        // Written again every 5 s of pod time: more lines a moment later; --tail takes the last.
        await Eventually.WaitAsync(async () =>
        {
            var again = (await KubectlAsync("logs", "talker", "-n", _ns, "-c", "app")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return (again.Length >= 5, $"{again.Length} lines");
        }, "the log text to be written again");
        Assert.Equal("second line\n", await KubectlAsync("logs", "talker", "-n", _ns, "-c", "app", "--tail=1"));

        var stamped = (await KubectlAsync("logs", "talker", "-n", _ns, "-c", "app", "--timestamps", "--tail=1")).TrimEnd('\n');
        var stamp = stamped[..stamped.IndexOf(' ', StringComparison.Ordinal)];
        Assert.True(DateTime.TryParse(stamp, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal, out var at), stamped);
        Assert.InRange(at, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
        Assert.EndsWith(" second line", stamped, StringComparison.Ordinal);
        Assert.Empty(await KubectlAsync("logs", "talker", "-n", _ns, "-c", "app", "--since-time", DateTime.UtcNow.AddMinutes(5).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)));

        // The sidecar has only its start line; --previous has nothing before the first run.
        Assert.StartsWith("[k8sps-sim] container sidecar started", await KubectlAsync("logs", "talker", "-n", _ns, "-c", "sidecar"), StringComparison.Ordinal);
        var previous = await KubectlResultAsync("logs", "talker", "-n", _ns, "-c", "app", "--previous");
        Assert.NotEqual(0, previous.ExitCode);
        Assert.Contains("previous terminated container \"app\" in pod \"talker\" not found", previous.Error);
    }

    [Fact]
    public async Task Kubectl_logs_previous_and_follow_show_a_crashing_containers_runs()
    {
        await CreatePodAsync(Pod("short", new() { [SimAnnotations.ExitCode] = "3", [SimAnnotations.ExitAfter] = "30s", [SimAnnotations.Log] = "working" }));
        await Eventually.WaitAsync(async () =>
        {
            var pod = await _client.CoreV1.ReadNamespacedPodAsync("short", _ns);
            return (pod.Status?.ContainerStatuses?.SingleOrDefault()?.RestartCount >= 1, string.Join(' ', await PodRowAsync("short")));
        }, "pod short to restart");

        var previous = await KubectlAsync("logs", "short", "-n", _ns, "--previous");
        Assert.EndsWith("[k8sps-sim] container app exited with code 3\n", previous, StringComparison.Ordinal);
        Assert.Contains("working\n", previous);

        // -f follows the running container until it exits (30 s pod time: 3 s), then kubectl returns.
        await Eventually.WaitAsync(async () =>
        {
            var status = (await _client.CoreV1.ReadNamespacedPodAsync("short", _ns)).Status.ContainerStatuses.Single();
            return (status.State.Running is not null, $"{status.State.Waiting?.Reason}{(status.State.Terminated is null ? "" : "terminated")}");
        }, "the container to run again");
        var followed = await Kubectl.RunAsync(_nodes.KubeconfigPath, TimeSpan.FromSeconds(60), "logs", "short", "-n", _ns, "-f");
        Assert.Equal(0, followed.ExitCode);
        Assert.EndsWith("[k8sps-sim] container app exited with code 3\n", followed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_attach_and_port_forward_say_the_node_is_simulated()
    {
        await CreatePodAsync(Pod("quiet", null));
        var pod = await WaitForReadyPodAsync("quiet");
        var expected = $"is not available on simulated node {pod.Spec.NodeName}: the K8sPS local cluster's nodes run no containers";

        var exec = await KubectlResultAsync("exec", "quiet", "-n", _ns, "--", "ls", "/");
        Assert.NotEqual(0, exec.ExitCode);
        Assert.Contains("exec " + expected, exec.Error);

        var attach = await KubectlResultAsync("attach", "quiet", "-n", _ns);
        Assert.NotEqual(0, attach.ExitCode);
        Assert.Contains("attach " + expected, attach.Error);

        var forward = await Kubectl.RunAsync(_nodes.KubeconfigPath, TimeSpan.FromSeconds(30), "port-forward", "pod/quiet", "-n", _ns, "--address", "127.0.0.1", "0:80");
        Assert.NotEqual(0, forward.ExitCode);
        Assert.Contains("port-forward " + expected, forward.Error + forward.Output);
    }

    [Fact]
    public async Task The_nodes_are_on_loopback_and_their_kubelet_answers_the_api_servers_node_proxy()
    {
        var nodes = (await _client.CoreV1.ListNodeAsync()).Items.Where(n => n.Metadata.Annotations?.ContainsKey(NodeObjectFactory.SimulatedByAnnotation) == true).ToList();
        Assert.NotEmpty(nodes);
        foreach (var node in nodes)
        {
            var ip = node.Status.Addresses.Single(a => a.Type == "InternalIP").Address;
            Assert.True(System.Net.IPAddress.IsLoopback(System.Net.IPAddress.Parse(ip)), $"{node.Metadata.Name} has InternalIP {ip}");
        }
        var first = nodes.OrderBy(n => n.Metadata.Name, StringComparer.Ordinal).First().Metadata.Name;
        Assert.Equal("ok", await KubectlAsync("get", "--raw", $"/api/v1/nodes/{first}/proxy/healthz"));
    }

    [Fact]
    public async Task A_node_that_stops_heartbeating_goes_NotReady_and_its_pods_unready_then_terminating()
    {
        var node = (await _client.CoreV1.ListNodeAsync()).Items
            .Where(n => SimulatedNodesFixture.IsReady(n) && n.Metadata.Annotations?.ContainsKey(NodeObjectFactory.SimulatedByAnnotation) == true)
            .Select(n => n.Metadata.Name).Order(StringComparer.Ordinal).Last();
        var pod = Pod("stranded", null);
        pod.Spec.NodeName = node;
        await CreatePodAsync(pod);
        await WaitForReadyPodAsync("stranded");

        await _client.CoreV1.PatchNodeAsync(new V1Patch(new { metadata = new { annotations = new Dictionary<string, string> { [SimAnnotations.Heartbeat] = SimAnnotations.HeartbeatStopped } } }, V1Patch.PatchType.MergePatch), node);
        try
        {
            await Eventually.WaitAsync(async () =>
            {
                var ready = (await _client.CoreV1.ReadNodeAsync(node)).Status.Conditions.Single(c => c.Type == "Ready");
                return (ready.Status == "Unknown", $"Ready={ready.Status} ({ready.Reason})");
            }, TimeSpan.FromSeconds(90), $"node {node} to be marked Unknown by the node lifecycle controller");
            var nodeRow = Kubectl.Rows(await KubectlAsync("get", "node", node, "--no-headers")).Single();
            Assert.Equal("NotReady", nodeRow[1]);

            await Eventually.WaitAsync(async () =>
            {
                var p = await _client.CoreV1.ReadNamespacedPodAsync("stranded", _ns);
                var ready = p.Status.Conditions.Single(c => c.Type == "Ready");
                return (ready.Status == "False" && p.Metadata.DeletionTimestamp is not null, $"Ready={ready.Status}, deletion {p.Metadata.DeletionTimestamp}");
            }, TimeSpan.FromSeconds(90), "pod stranded to be unready and evicted");

            // Nobody finishes the deletion on a dead node: the pod stays, and kubectl says Terminating.
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal("Terminating", (await PodRowAsync("stranded"))[2]);
            var logs = await KubectlResultAsync("logs", "stranded", "-n", _ns);
            Assert.NotEqual(0, logs.ExitCode);
        }
        finally
        {
            await _client.CoreV1.PatchNodeAsync(new V1Patch(new { metadata = new { annotations = new Dictionary<string, string?> { [SimAnnotations.Heartbeat] = null } } }, V1Patch.PatchType.MergePatch), node);
        }

        // Back: the node is Ready and untainted again, and its kubelet finishes the deletion.
        await Eventually.WaitAsync(async () =>
        {
            var pods = (await _client.CoreV1.ListNamespacedPodAsync(_ns, fieldSelector: "metadata.name=stranded")).Items;
            var n = await _client.CoreV1.ReadNodeAsync(node);
            var untainted = (n.Spec.Taints?.Count ?? 0) == 0;
            return (pods.Count == 0 && SimulatedNodesFixture.IsReady(n) && untainted, $"{pods.Count} pods, node ready {SimulatedNodesFixture.IsReady(n)}, taints {n.Spec.Taints?.Count ?? 0}");
        }, TimeSpan.FromSeconds(90), $"node {node} to be back and pod stranded gone");
    }

    private sealed record EventRow(string Type, string Reason, string Message, string Component, string? Host, string? FieldPath, int Count);

    private async Task<List<EventRow>> PodEventsAsync(string pod)
    {
        var json = await KubectlAsync("get", "events", "-n", _ns, "--field-selector", $"involvedObject.name={pod}", "-o", "json");
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("items").EnumerateArray()
            .OrderBy(e => e.TryGetProperty("firstTimestamp", out var t) ? t.GetString() : "", StringComparer.Ordinal)
            .ThenBy(e => e.GetProperty("metadata").GetProperty("name").GetString(), StringComparer.Ordinal)
            .Select(e => new EventRow(
                e.GetProperty("type").GetString()!,
                e.GetProperty("reason").GetString()!,
                e.GetProperty("message").GetString()!,
                e.GetProperty("source").TryGetProperty("component", out var c) ? c.GetString()! : "",
                e.GetProperty("source").TryGetProperty("host", out var h) ? h.GetString() : null,
                e.GetProperty("involvedObject").TryGetProperty("fieldPath", out var f) ? f.GetString() : null,
                e.TryGetProperty("count", out var n) ? n.GetInt32() : 1))
            .ToList();
    }

    private async Task<(string[] Ready, string[] NotReady)> EndpointNamesAsync(string service)
    {
        V1Endpoints endpoints;
        try { endpoints = await _client.CoreV1.ReadNamespacedEndpointsAsync(service, _ns); }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound) { return ([], []); }
        var subsets = endpoints.Subsets ?? new List<V1EndpointSubset>();
        string[] Names(Func<V1EndpointSubset, IList<V1EndpointAddress>?> pick) =>
            subsets.SelectMany(s => pick(s) ?? new List<V1EndpointAddress>()).Select(a => a.TargetRef?.Name ?? a.Ip).Order(StringComparer.Ordinal).ToArray();
        return (Names(s => s.Addresses), Names(s => s.NotReadyAddresses));
    }

    private async Task<V1Pod> WaitForReadyPodAsync(string name)
    {
        V1Pod pod = null!;
        await Eventually.WaitAsync(async () =>
        {
            pod = await _client.CoreV1.ReadNamespacedPodAsync(name, _ns);
            var ready = pod.Status?.Phase == "Running" && pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
            return (ready, $"{pod.Status?.Phase}");
        }, $"pod {name} to be Running and Ready");
        return pod;
    }

    /// <summary>Creates a pod, waiting out 1.20's moment without a default service account token in a new namespace.</summary>
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

    private static V1Pod Pod(string name, Dictionary<string, string>? annotations) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name }, Annotations = annotations },
        Spec = new V1PodSpec { Containers = new List<V1Container> { new() { Name = "app", Image = "nginx:1.25", Ports = new List<V1ContainerPort> { new() { ContainerPort = 80 } } } } },
    };
}
