using System.Net;
using System.Text.Json.Nodes;
using k8s;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Nodes;
using K8sPS.Engine.Tests.Rollouts;

namespace K8sPS.Engine.Tests.Nodes;

/// <summary>
/// The drain's requests and its reports, through a fake API that never leaves the process: evictions in the policy
/// version discovery gives, a budget's 429 retried and reported with the pod it waits for, -Timeout, and deletion
/// where the server has no Eviction API.
/// </summary>
public class NodeDrainerTests
{
    private const string PodList = """
        {"kind":"PodList","apiVersion":"v1","metadata":{},"items":[
          {"metadata":{"name":"web-1","namespace":"shop","uid":"u1","ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-5d","uid":"rs","controller":true}]},
           "spec":{"nodeName":"n1","containers":[{"name":"c","image":"nginx"}]},"status":{"phase":"Running"}}]}
        """;

    private const string BudgetRefusal = """
        {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Cannot evict pod as it would violate the pod's disruption budget.","reason":"TooManyRequests","details":{"causes":[{"reason":"DisruptionBudget","message":"The disruption budget web needs 2 healthy pods and has 2 currently"}]},"code":429}
        """;

    private static string Apis(string? policyVersion) => policyVersion is null
        ? """{"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}]}"""
        : "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[{\"name\":\"policy\",\"versions\":[{\"groupVersion\":\"" + policyVersion + "\",\"version\":\"" + policyVersion[7..] + "\"}],\"preferredVersion\":{\"groupVersion\":\"" + policyVersion + "\",\"version\":\"" + policyVersion[7..] + "\"}}]}";

    private const string CoreV1 = """{"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"pods","namespaced":true,"kind":"Pod","verbs":["get"]},{"name":"pods/eviction","namespaced":true,"group":"policy","version":"v1beta1","kind":"Eviction","verbs":["create"]}]}""";

    private static (NodeDrainer Drainer, FakeApi Api, List<DrainProgress> Reports) Drainer(Func<FakeApi.Request, (HttpStatusCode, string)?> answer, DrainOptions? options = null,
        string? policyVersion = "policy/v1beta1")
    {
        var api = new FakeApi(r =>
        {
            var path = r.PathAndQuery;
            if (answer(r) is { } a) return a;
            if (path.StartsWith("/api/v1/pods?", StringComparison.Ordinal)) return (HttpStatusCode.OK, PodList);
            if (path == "/apis") return (HttpStatusCode.OK, Apis(policyVersion));
            if (path == "/api/v1") return (HttpStatusCode.OK, CoreV1);
            return (HttpStatusCode.NotFound, """{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404,"message":"pods \"web-1\" not found"}""");
        });
        var connection = new K8sConnection("test", "default", "http://127.0.0.1:9", (Kubernetes)api.Client());
        var reports = new List<DrainProgress>();
        var drainer = new NodeDrainer(connection, options ?? new DrainOptions(), p => { lock (reports) reports.Add(p); })
        {
            RetryInterval = TimeSpan.FromMilliseconds(20),
            PollInterval = TimeSpan.FromMilliseconds(20),
        };
        return (drainer, api, reports);
    }

    [Fact]
    public async Task A_budget_refusal_is_retried_and_reported_with_the_pod_it_waits_for()
    {
        var evictions = 0;
        var (drainer, api, reports) = Drainer(r => r.Method == "POST" && r.PathAndQuery == "/api/v1/namespaces/shop/pods/web-1/eviction"
            ? (Interlocked.Increment(ref evictions) == 1 ? (HttpStatusCode.TooManyRequests, BudgetRefusal) : (HttpStatusCode.Created, """{"kind":"Status","status":"Success"}"""))
            : null);
        var plan = await drainer.PlanAsync("n1", CancellationToken.None);
        var result = await drainer.DrainAsync(plan, CancellationToken.None);

        Assert.Equal(["shop/web-1"], result.Evicted);
        Assert.Contains(api.Requests, r => r.Method == "GET" && r.PathAndQuery.Contains("fieldSelector=spec.nodeName%3Dn1", StringComparison.Ordinal));
        var eviction = JsonNode.Parse(api.Requests.First(r => r.Method == "POST").Body)!;
        Assert.Equal("policy/v1beta1", eviction["apiVersion"]!.GetValue<string>());
        Assert.Equal("Eviction", eviction["kind"]!.GetValue<string>());
        Assert.Equal("web-1", eviction["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal([DrainStep.Evicting, DrainStep.Waiting, DrainStep.Evicting, DrainStep.Evicted], reports.Select(r => r.Step));
        Assert.Equal("waiting for pod shop/web-1: Cannot evict pod as it would violate the pod's disruption budget. The disruption budget web needs 2 healthy pods and has 2 currently (retrying every 0 s)",
            reports[1].Message);
        Assert.Equal("pod/web-1 evicted", reports[3].Message);
        Assert.Equal((1, 1), (reports[3].Done, reports[3].Total));
    }

    [Fact]
    public async Task The_version_discovery_prefers_is_the_one_posted()
    {
        var (drainer, api, _) = Drainer(r => r.Method == "POST" ? (HttpStatusCode.Created, "{}") : null, policyVersion: "policy/v1");
        await drainer.DrainAsync(await drainer.PlanAsync("n1", CancellationToken.None), CancellationToken.None);
        Assert.Equal("policy/v1", JsonNode.Parse(api.Requests.First(r => r.Method == "POST").Body)!["apiVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_timeout_ends_the_wait_and_names_the_pod_and_the_budgets_reason()
    {
        var (drainer, _, reports) = Drainer(r => r.Method == "POST" ? (HttpStatusCode.TooManyRequests, BudgetRefusal) : null,
            new DrainOptions { Timeout = TimeSpan.FromMilliseconds(300) });
        var plan = await drainer.PlanAsync("n1", CancellationToken.None);
        var error = (await Assert.ThrowsAsync<K8sException>(() => drainer.DrainAsync(plan, CancellationToken.None))).Error;
        Assert.Equal("DrainTimeout", error.ErrorId);
        Assert.Equal(K8sErrorCategory.Timeout, error.Category);
        Assert.StartsWith("node \"n1\" was not drained within 0s: 1 of 1 pod(s) still there (shop/web-1)", error.Message, StringComparison.Ordinal);
        Assert.Contains("shop/web-1: its eviction is refused: Cannot evict pod as it would violate the pod's disruption budget. The disruption budget web needs 2 healthy pods", error.Message, StringComparison.Ordinal);
        Assert.Contains("Enable-K8sNodeScheduling", error.RecommendedAction, StringComparison.Ordinal);
        Assert.True(reports.Count(r => r.Step == DrainStep.Waiting) >= 2, "a refusal is asked again until the timeout");
    }

    [Fact]
    public async Task Another_refusal_ends_that_pods_drain_with_kubectls_words()
    {
        var (drainer, _, _) = Drainer(r => r.Method == "POST"
            ? (HttpStatusCode.Forbidden, """{"kind":"Status","status":"Failure","reason":"Forbidden","code":403,"message":"pods \"web-1\" is forbidden: no"}""")
            : null);
        var error = (await Assert.ThrowsAsync<K8sException>(async () => await drainer.DrainAsync(await drainer.PlanAsync("n1", CancellationToken.None), CancellationToken.None))).Error;
        Assert.Equal("DrainFailed", error.ErrorId);
        Assert.Contains("error when evicting pods/\"web-1\" -n \"shop\": pods \"web-1\" is forbidden: no", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_Eviction_API_pods_are_deleted_with_the_grace_period_and_waited_for()
    {
        var gets = 0;
        var (drainer, api, reports) = Drainer(r =>
            r.Method == "DELETE" ? (HttpStatusCode.OK, "{}")
            : r.Method == "GET" && r.PathAndQuery == "/api/v1/namespaces/shop/pods/web-1"
                ? Interlocked.Increment(ref gets) == 1
                    ? (HttpStatusCode.OK, """{"metadata":{"name":"web-1","namespace":"shop","uid":"u1"}}""")
                    : (HttpStatusCode.OK, """{"metadata":{"name":"web-1","namespace":"shop","uid":"another"}}""")
                : null,
            new DrainOptions { GracePeriodSeconds = 30 }, policyVersion: null);
        var result = await drainer.DrainAsync(await drainer.PlanAsync("n1", CancellationToken.None), CancellationToken.None);
        Assert.Equal(["shop/web-1"], result.Evicted);
        Assert.Contains(api.Requests, r => r.Method == "DELETE" && r.PathAndQuery == "/api/v1/namespaces/shop/pods/web-1?gracePeriodSeconds=30");
        Assert.DoesNotContain(api.Requests, r => r.Method == "POST");
        Assert.Equal([DrainStep.Deleting, DrainStep.Deleted], reports.Select(r => r.Step));
        Assert.Equal(2, gets);
    }

    [Fact]
    public void Discovery_decides_whether_and_in_which_version_to_evict()
    {
        Assert.Equal("policy/v1beta1", EvictionSupport.PolicyGroupVersion(JsonNode.Parse(Apis("policy/v1beta1")), JsonNode.Parse(CoreV1)));
        Assert.Null(EvictionSupport.PolicyGroupVersion(JsonNode.Parse(Apis(null)), JsonNode.Parse(CoreV1)));
        Assert.Null(EvictionSupport.PolicyGroupVersion(JsonNode.Parse(Apis("policy/v1")),
            JsonNode.Parse("""{"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"pods","kind":"Pod"}]}""")));
        Assert.Equal("""{"kind":"Eviction","apiVersion":"policy/v1","metadata":{"name":"p","namespace":"n"},"deleteOptions":{}}""", EvictionSupport.Body("n", "p", "policy/v1", -1));
    }
}
