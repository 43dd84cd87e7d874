using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using K8sPS.LocalCluster.Metrics;
using K8sPS.LocalCluster.Simulator;

namespace K8sPS.LocalCluster.Tests.Metrics;

/// <summary>metrics.k8s.io answers over a fixed set of pods and nodes, as metrics-server would give them.</summary>
public class MetricsApiTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 10, 5, 0, TimeSpan.Zero);
    private static readonly RemoteUser Admin = new("admin", ["system:masters"], new Dictionary<string, IReadOnlyList<string>>());
    private static readonly RemoteUser Viewer = new("viewer", ["system:authenticated"], new Dictionary<string, IReadOnlyList<string>>());

    private readonly FakeSource _source = new();
    private readonly FakeReviewer _reviewer = new();
    private readonly MetricsApi _api;

    public MetricsApiTests()
    {
        _source.Nodes.Add(Node("sim-1", simulated: true));
        _source.Nodes.Add(Node("sim-2", simulated: true));
        _source.Nodes.Add(Node("real-1", simulated: false));
        _source.Pods.Add(Pod("default", "web-1", "sim-1", "app=web", cpu: "250m", memory: "64Mi"));
        _source.Pods.Add(Pod("default", "web-2", "sim-2", "app=web", cpu: "1500m", memory: "1Gi"));
        _source.Pods.Add(Pod("default", "db-1", "sim-2", "app=db", cpu: "1234567n", memory: "12345678"));
        _source.Pods.Add(Pod("other", "job-1", "sim-1", "app=job", cpu: "42m", memory: "2Gi"));
        _source.Pods.Add(Pod("default", "elsewhere", "real-1", "app=web", cpu: "1", memory: "1Gi"));
        var pending = Pod("default", "pending", "sim-1", "app=web", cpu: "1", memory: "1Gi");
        pending.Status.Phase = "Pending";
        _source.Pods.Add(pending);
        _api = new MetricsApi(_source, _reviewer, new FixedClock(Now));
    }

    private async Task<(int Code, JsonNode Body)> GetAsync(string target, RemoteUser? user = null, string? accept = null)
    {
        var headers = accept is null ? new List<KeyValuePair<string, string>>() : [new("Accept", accept)];
        var response = await _api.HandleAsync(new MetricsRequest("GET", target, headers, user ?? Admin), CancellationToken.None);
        return (response.StatusCode, JsonNode.Parse(Encoding.UTF8.GetString(response.Body))!);
    }

    private static string[] Names(JsonNode list) => list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ToArray();

    [Fact]
    public async Task Discovery_lists_pods_and_nodes_with_get_and_list()
    {
        var (code, body) = await GetAsync("/apis/metrics.k8s.io/v1beta1");
        Assert.Equal(200, code);
        Assert.Equal("APIResourceList", body["kind"]!.GetValue<string>());
        var resources = body["resources"]!.AsArray();
        Assert.Equal(["nodes", "pods"], resources.Select(r => r!["name"]!.GetValue<string>()));
        Assert.Equal(["NodeMetrics", "PodMetrics"], resources.Select(r => r!["kind"]!.GetValue<string>()));
        Assert.All(resources, r => Assert.Equal(["get", "list"], r!["verbs"]!.AsArray().Select(v => v!.GetValue<string>())));
        Assert.False(resources[0]!["namespaced"]!.GetValue<bool>());
        Assert.True(resources[1]!["namespaced"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Pod_metrics_are_in_metrics_servers_shape()
    {
        var (code, body) = await GetAsync("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods");
        Assert.Equal(200, code);
        Assert.Equal("PodMetricsList", body["kind"]!.GetValue<string>());
        Assert.Equal("metrics.k8s.io/v1beta1", body["apiVersion"]!.GetValue<string>());
        // Running pods on simulated nodes only, ordered by name.
        Assert.Equal(["db-1", "web-1", "web-2"], Names(body));
        var web = body["items"]![1]!;
        Assert.Null(web["kind"]);
        Assert.Equal("default", web["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("web", web["metadata"]!["labels"]!["app"]!.GetValue<string>());
        Assert.Equal("2025-03-01T10:05:00Z", web["timestamp"]!.GetValue<string>());
        Assert.Equal("10s", web["window"]!.GetValue<string>());
        var usage = web["containers"]![0]!["usage"]!;
        Assert.Equal("250m", usage["cpu"]!.GetValue<string>());
        Assert.Equal("64Mi", usage["memory"]!.GetValue<string>());
        var db = body["items"]![0]!["containers"]![0]!["usage"]!;
        Assert.Equal("1234567n", db["cpu"]!.GetValue<string>());
        Assert.Equal("12345678", db["memory"]!.GetValue<string>());
    }

    [Fact]
    public async Task All_namespaces_are_ordered_by_namespace_then_name()
    {
        var (_, body) = await GetAsync("/apis/metrics.k8s.io/v1beta1/pods");
        Assert.Equal(["db-1", "web-1", "web-2", "job-1"], Names(body));
    }

    [Theory]
    [InlineData("labelSelector=app%3Dweb", new[] { "web-1", "web-2" })]
    [InlineData("labelSelector=app+in+%28db%29", new[] { "db-1" })]
    [InlineData("fieldSelector=metadata.name%3Dweb-2", new[] { "web-2" })]
    [InlineData("fieldSelector=metadata.name!%3Dweb-2&labelSelector=app%3Dweb", new[] { "web-1" })]
    public async Task Lists_take_label_and_field_selectors(string query, string[] names)
    {
        var (code, body) = await GetAsync("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?" + query);
        Assert.Equal(200, code);
        Assert.Equal(names, Names(body));
    }

    [Fact]
    public async Task A_field_selector_on_another_field_is_a_bad_request()
    {
        var (code, body) = await GetAsync("/apis/metrics.k8s.io/v1beta1/pods?fieldSelector=spec.nodeName%3Dsim-1");
        Assert.Equal(400, code);
        Assert.Equal("BadRequest", body["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_by_name_tells_a_missing_pod_from_one_without_metrics()
    {
        var (code, body) = await GetAsync("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/web-1");
        Assert.Equal(200, code);
        Assert.Equal("PodMetrics", body["kind"]!.GetValue<string>());

        (code, body) = await GetAsync("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/nope");
        Assert.Equal(404, code);
        Assert.Equal("pods \"nope\" not found", body["message"]!.GetValue<string>());

        (code, body) = await GetAsync("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/pending");
        Assert.Equal(404, code);
        Assert.Equal("podmetrics.metrics.k8s.io \"default/pending\" not found", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Node_metrics_are_the_simulated_nodes_base_plus_their_pods()
    {
        var (code, body) = await GetAsync("/apis/metrics.k8s.io/v1beta1/nodes");
        Assert.Equal(200, code);
        Assert.Equal("NodeMetricsList", body["kind"]!.GetValue<string>());
        Assert.Equal(["sim-1", "sim-2"], Names(body));
        var expected = SimulatedUsage.ForNode("sim-2",
            [[new ContainerUsage("app", 1_500_000_000, 1L << 30)], [new ContainerUsage("app", 1_234_567, 12_345_678)]], Now);
        var usage = body["items"]![1]!["usage"]!;
        Assert.Equal(MetricsJson.Cpu(expected.NanoCores), usage["cpu"]!.GetValue<string>());
        Assert.Equal(MetricsJson.Memory(expected.MemoryBytes), usage["memory"]!.GetValue<string>());

        (code, body) = await GetAsync("/apis/metrics.k8s.io/v1beta1/nodes/real-1");
        Assert.Equal(404, code);
        Assert.Equal("nodemetrics.metrics.k8s.io \"real-1\" not found", body["message"]!.GetValue<string>());
        (code, _) = await GetAsync("/apis/metrics.k8s.io/v1beta1/nodes/sim-1");
        Assert.Equal(200, code);
    }

    [Fact]
    public async Task A_patched_annotation_shows_in_the_next_answer()
    {
        _source.Pods.Single(p => p.Metadata.Name == "web-1").Metadata.Annotations["sim.k8sps.io/cpu"] = "900m";
        var (_, body) = await GetAsync("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/web-1");
        Assert.Equal("900m", body["containers"]![0]!["usage"]!["cpu"]!.GetValue<string>());
    }

    [Fact]
    public async Task Each_request_is_authorized_for_the_user_the_front_proxy_names()
    {
        var (code, body) = await GetAsync("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods", Viewer);
        Assert.Equal(403, code);
        Assert.Equal("pods.metrics.k8s.io is forbidden: User \"viewer\" cannot list resource \"pods\" in API group \"metrics.k8s.io\" in the namespace \"default\"",
            body["message"]!.GetValue<string>());
        (code, body) = await GetAsync("/apis/metrics.k8s.io/v1beta1/nodes/sim-1", Viewer);
        Assert.Equal(403, code);
        Assert.EndsWith("cannot get resource \"nodes\" in API group \"metrics.k8s.io\" at the cluster scope", body["message"]!.GetValue<string>());
        Assert.Contains(new MetricsAccess("get", "nodes", null, "sim-1"), _reviewer.Asked);

        var anonymous = await _api.HandleAsync(new MetricsRequest("GET", "/apis/metrics.k8s.io/v1beta1/pods", [], null), CancellationToken.None);
        Assert.Equal(401, anonymous.StatusCode);
        var health = await _api.HandleAsync(new MetricsRequest("GET", "/healthz", [], null), CancellationToken.None);
        Assert.Equal(200, health.StatusCode);
    }

    [Fact]
    public async Task Watch_and_writes_are_not_allowed()
    {
        var (code, body) = await GetAsync("/apis/metrics.k8s.io/v1beta1/pods?watch=true");
        Assert.Equal(405, code);
        Assert.Equal("watch is not supported on resources of kind \"pods.metrics.k8s.io\"", body["message"]!.GetValue<string>());
        var post = await _api.HandleAsync(new MetricsRequest("POST", "/apis/metrics.k8s.io/v1beta1/pods", [], Admin), CancellationToken.None);
        Assert.Equal(405, post.StatusCode);
        (code, _) = await GetAsync("/apis/metrics.k8s.io/v1beta1/namespaces/default/services");
        Assert.Equal(404, code);
    }

    [Fact]
    public async Task A_table_is_served_when_kubectl_get_asks_for_one()
    {
        var (code, body) = await GetAsync("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods", accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
        Assert.Equal(200, code);
        Assert.Equal("Table", body["kind"]!.GetValue<string>());
        Assert.Equal(["Name", "cpu", "memory", "Window"], body["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal(["web-1", "250m", "64Mi", "10s"], body["rows"]![1]!["cells"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    private static V1Node Node(string name, bool simulated) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = name },
            Annotations = simulated ? new Dictionary<string, string> { [NodeObjectFactory.SimulatedByAnnotation] = "test" } : null,
        },
    };

    private static V1Pod Pod(string ns, string name, string node, string label, string cpu, string memory)
    {
        var (key, value) = (label.Split('=')[0], label.Split('=')[1]);
        var pod = UsageTests.RunningPod(("app", Now - TimeSpan.FromMinutes(3)));
        pod.Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            Uid = ns + "/" + name,
            Labels = new Dictionary<string, string> { [key] = value },
            Annotations = new Dictionary<string, string> { ["sim.k8sps.io/cpu"] = cpu, ["sim.k8sps.io/memory"] = memory },
        };
        pod.Spec.NodeName = node;
        return pod;
    }

    private sealed class FakeSource : IMetricsSource
    {
        public List<V1Pod> Pods { get; } = [];
        public List<V1Node> Nodes { get; } = [];

        IEnumerable<V1Pod> IMetricsSource.Pods(string? namespaceName) => Pods.Where(p => namespaceName is null || p.Metadata.NamespaceProperty == namespaceName);
        public V1Pod? Pod(string namespaceName, string name) => Pods.SingleOrDefault(p => p.Metadata.NamespaceProperty == namespaceName && p.Metadata.Name == name);
        IEnumerable<V1Node> IMetricsSource.Nodes() => Nodes;
        public V1Node? Node(string name) => Nodes.SingleOrDefault(n => n.Metadata.Name == name);
        public bool IsSimulated(V1Node node) => node.Metadata.Annotations?.ContainsKey(NodeObjectFactory.SimulatedByAnnotation) == true;
    }

    private sealed class FakeReviewer : IAccessReviewer
    {
        public List<MetricsAccess> Asked { get; } = [];

        public Task<bool> IsAllowedAsync(RemoteUser user, MetricsAccess access, CancellationToken ct)
        {
            Asked.Add(access);
            return Task.FromResult(user.Groups.Contains("system:masters"));
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
