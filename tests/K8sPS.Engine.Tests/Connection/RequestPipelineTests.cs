using System.Diagnostics;
using System.Net;
using System.Text;
using K8sPS.Engine.Connection;

namespace K8sPS.Engine.Tests.Connection;

/// <summary>The one retry policy, through the request pipeline, against a real loopback server (no mock of Kubernetes).</summary>
public class RequestPipelineTests
{
    private static HttpClient Client(RetryPolicy policy) =>
        new(new RequestPipeline(policy, null, null, http2: false, TimeSpan.FromSeconds(10)) { InnerHandler = new SocketsHttpHandler() });

    private static HttpRequestMessage Post(Uri url) => new(HttpMethod.Post, url) { Content = new StringContent("{\"kind\":\"ConfigMap\"}", Encoding.UTF8, "application/json") };

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After_whatever_the_verb()
    {
        await using var server = new LoopbackHttpServer((n, _) => n == 0 ? new Reply(429, "Retry-After: 1\r\n") : new Reply(201));
        using var client = Client(new RetryPolicy(TimeSpan.FromSeconds(20)));
        var clock = Stopwatch.StartNew();
        using var response = await client.SendAsync(Post(server.Url));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["POST", "POST"], server.Methods);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed.TotalMilliseconds} ms, not after Retry-After");
    }

    [Fact]
    public async Task A_POST_the_server_answered_with_500_is_never_retried()
    {
        await using var server = new LoopbackHttpServer((_, _) => new Reply(500));
        using var client = Client(new RetryPolicy(TimeSpan.FromSeconds(20)));
        using var response = await client.SendAsync(Post(server.Url));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(["POST"], server.Methods);
    }

    [Fact]
    public async Task A_GET_answered_with_500_is_retried_and_the_body_is_sent_again_for_a_PUT()
    {
        await using var server = new LoopbackHttpServer((n, _) => n < 2 ? new Reply(500) : new Reply(200));
        using var client = Client(new RetryPolicy(TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(10)));
        using (var get = await client.GetAsync(server.Url)) Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(["GET", "GET", "GET"], server.Methods);
    }

    [Fact]
    public async Task An_apply_whose_body_the_server_refuses_with_500_is_answered_at_once_and_another_500_is_retried()
    {
        const string refusal = """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"failed to create typed patch object: .bogus: field not declared in schema","code":500}""";
        await using var server = new LoopbackHttpServer((n, _) => n switch
        {
            0 => new Reply(500, Body: refusal),
            1 => new Reply(500, Body: """{"kind":"Status","status":"Failure","message":"etcdserver: request timed out","code":500}"""),
            _ => new Reply(200),
        });
        using var client = Client(new RetryPolicy(TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(10)));
        HttpRequestMessage Apply() => new(HttpMethod.Patch, new Uri(server.Url, "api/v1/namespaces/default/configmaps/a?fieldManager=k8sps"))
        {
            Content = new StringContent("{\"bogus\":1}", Encoding.UTF8, "application/apply-patch+yaml"),
        };
        using (var refused = await client.SendAsync(Apply()))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
            Assert.Equal(refusal, await refused.Content.ReadAsStringAsync()); // still readable for the error it becomes
        }
        Assert.Equal(["PATCH"], server.Methods);
        using (var passing = await client.SendAsync(Apply())) Assert.Equal(HttpStatusCode.OK, passing.StatusCode);
        Assert.Equal(["PATCH", "PATCH", "PATCH"], server.Methods);
    }

    [Fact]
    public async Task A_connection_closed_without_an_answer_is_retried_for_a_GET_but_not_for_a_POST()
    {
        await using var server = new LoopbackHttpServer((n, method) => method == "POST" || n == 0 ? new Reply(0, HangUp: true) : new Reply(200));
        using var client = Client(new RetryPolicy(TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(10)));
        using (var get = await client.GetAsync(server.Url)) Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(Post(server.Url)));
        Assert.Equal(["GET", "GET", "POST"], server.Methods);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_once_the_server_has_answered_and_it_comes_back()
    {
        await using var server = new LoopbackHttpServer((_, _) => new Reply(200));
        using var client = Client(new RetryPolicy(TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100)));
        using (var first = await client.GetAsync(server.Url)) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await server.StopListeningAsync();
        // The server restarts a moment later, on the same port: a POST was never received, so it is safe to send again.
        var restart = Task.Delay(800).ContinueWith(_ => server.Start(), TaskScheduler.Default);
        using (var second = await client.SendAsync(Post(server.Url))) Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await restart;
        Assert.Equal(["GET", "POST"], server.Methods);
    }

    [Fact]
    public async Task A_server_that_never_answered_is_not_waited_for()
    {
        await using var server = new LoopbackHttpServer((_, _) => new Reply(200));
        var url = server.Url;
        await server.StopListeningAsync();
        using var client = Client(new RetryPolicy(TimeSpan.FromSeconds(20)));
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(url));
        Assert.True(RetryPolicy.IsRefused(e));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Retries_stop_within_the_budget()
    {
        await using var server = new LoopbackHttpServer((_, _) => new Reply(503));
        var budget = TimeSpan.FromSeconds(1.5);
        using var client = Client(new RetryPolicy(budget, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400)));
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(server.Url);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(server.Methods.Count > 1, "503 on a GET is retried");
        Assert.True(clock.Elapsed < budget + TimeSpan.FromSeconds(2), $"gave up after {clock.Elapsed}, budget {budget}");
    }

    [Fact]
    public async Task Each_attempt_is_logged_with_method_path_status_and_time_and_never_a_header()
    {
        await using var server = new LoopbackHttpServer((n, _) => n == 0 ? new Reply(429, "Retry-After: 0\r\n") : new Reply(200));
        using var client = Client(new RetryPolicy(TimeSpan.FromSeconds(20)));
        var lines = new List<string>();
        using (RequestLog.To(lines.Add))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Url, "api/v1/namespaces/default/secrets?limit=500"));
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "s3cr3t-token");
            using var response = await client.SendAsync(request);
        }
        Assert.Equal(2, lines.Count);
        Assert.Matches(@"^GET /api/v1/namespaces/default/secrets\?limit=500 429 Test \d+ ms; retrying in 0 ms \(429 Too Many Requests\)$", lines[0]);
        Assert.Matches(@"^GET /api/v1/namespaces/default/secrets\?limit=500 200 Test \d+ ms$", lines[1]);
        Assert.DoesNotContain(lines, l => l.Contains("s3cr3t", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GET", null, true)]
    [InlineData("DELETE", null, true)]
    [InlineData("PUT", "application/json", true)]
    [InlineData("PATCH", "application/apply-patch+yaml", true)]
    [InlineData("PATCH", "application/strategic-merge-patch+json", true)]
    [InlineData("PATCH", "application/json-patch+json", false)]
    [InlineData("POST", "application/json", false)]
    public void Idempotent_verbs_are_those_whose_effect_does_not_depend_on_repeats(string method, string? contentType, bool idempotent)
        => Assert.Equal(idempotent, RetryPolicy.IsIdempotent(new HttpMethod(method), contentType));
}
