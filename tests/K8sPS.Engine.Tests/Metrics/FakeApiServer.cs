using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using K8sPS.Engine.Connection;

namespace K8sPS.Engine.Tests.Metrics;

/// <summary>
/// An apiserver in a message handler, for the metrics and autoscaling readers: discovery as a 1.20 server gives it
/// (autoscaling v1 and v2beta2, apps v1, optionally metrics.k8s.io v1beta1), and answers set per path. Every
/// request is recorded, so a test can say what was sent, and that nothing was.
/// </summary>
internal sealed class FakeApiServer : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, Func<string?, (int Status, string Body)>> _routes = new(StringComparer.Ordinal);

    public FakeApiServer(bool servesMetrics, params string[] autoscalingVersions)
    {
        ServesMetrics = servesMetrics;
        var versions = autoscalingVersions.Length == 0 ? ["v1", "v2beta2"] : autoscalingVersions;
        Route("/version", _ => (200, """{"gitVersion":"v1.20.2"}"""));
        Route("/api/v1", _ => (200, Resources(("pods", "Pod", true), ("nodes", "Node", false))));
        Route("/apis", _ => (200, Groups(versions)));
        Route("/apis/apps/v1", _ => (200, Resources(("deployments", "Deployment", true), ("statefulsets", "StatefulSet", true), ("replicasets", "ReplicaSet", true))));
        foreach (var v in versions) Route($"/apis/autoscaling/{v}", _ => (200, Resources(("horizontalpodautoscalers", "HorizontalPodAutoscaler", true))));
        Route("/apis/metrics.k8s.io/v1beta1", _ => ServesMetrics ? (200, Resources(("nodes", "NodeMetrics", false), ("pods", "PodMetrics", true))) : (404, NotFoundPath()));
    }

    /// <summary>Whether discovery lists metrics.k8s.io: false is a cluster without metrics-server (or its APIService deleted).</summary>
    public bool ServesMetrics { get; set; }

    public ConcurrentQueue<(string Method, string PathAndQuery, string? Body)> Requests { get; } = new();

    public KubeRest Rest() => new(new HttpClient(this), new Uri("https://127.0.0.1:6443/"));

    /// <summary>Answers GETs (and other verbs) of <paramref name="path"/> (without its query) with <paramref name="answer"/>, given the request body.</summary>
    public void Route(string path, Func<string?, (int Status, string Body)> answer) => _routes[path] = answer;

    public IEnumerable<string> Sent(string method) => Requests.Where(r => r.Method == method).Select(r => r.PathAndQuery);

    /// <summary>The apiserver's 404 for a path nothing serves: a Status without details.</summary>
    public static string NotFoundPath() =>
        """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404}""";

    public static string NotFoundObject(string kind, string name) =>
        $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"{{kind}} \"{{name}}\" not found","reason":"NotFound","details":{"name":"{{name}}","kind":"{{kind}}"},"code":404}""";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        Requests.Enqueue((request.Method.Method, request.RequestUri!.PathAndQuery, body));
        var (status, text) = _routes.TryGetValue(request.RequestUri.AbsolutePath, out var answer) ? answer(body) : (404, NotFoundPath());
        return new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
    }

    private string Groups(string[] autoscaling)
    {
        var groups = new JsonArray
        {
            Group("apps", ["v1"], "v1"),
            Group("autoscaling", autoscaling, autoscaling[0]),
        };
        if (ServesMetrics) groups.Add(Group("metrics.k8s.io", ["v1beta1"], "v1beta1"));
        return new JsonObject { ["kind"] = "APIGroupList", ["groups"] = groups }.ToJsonString();
    }

    private static JsonObject Group(string name, string[] versions, string preferred) => new()
    {
        ["name"] = name,
        ["versions"] = new JsonArray(versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{name}/{v}", ["version"] = v }).ToArray()),
        ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{name}/{preferred}", ["version"] = preferred },
    };

    private static string Resources(params (string Plural, string Kind, bool Namespaced)[] resources) =>
        new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["resources"] = new JsonArray(resources.Select(r => (JsonNode)new JsonObject
            {
                ["name"] = r.Plural,
                ["kind"] = r.Kind,
                ["namespaced"] = r.Namespaced,
                ["verbs"] = new JsonArray("get", "list"),
            }).ToArray()),
        }.ToJsonString();
}
