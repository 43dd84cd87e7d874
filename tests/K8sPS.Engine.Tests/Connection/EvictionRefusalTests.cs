using System.Net;
using System.Text;
using K8sPS.Engine.Connection;

namespace K8sPS.Engine.Tests.Connection;

/// <summary>
/// A 429 to an eviction is a PodDisruptionBudget's "not now": the pipeline hands it straight to the drain, which retries
/// it and says which pod it waits for; any other 429 is still retried by the pipeline.
/// </summary>
public class EvictionRefusalTests
{
    private static HttpClient Client() =>
        new(new RequestPipeline(new RetryPolicy(TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(10)), null, null, http2: false, TimeSpan.FromSeconds(10)) { InnerHandler = new SocketsHttpHandler() });

    private static HttpRequestMessage Post(Uri url, string path) =>
        new(HttpMethod.Post, new Uri(url, path)) { Content = new StringContent("{\"kind\":\"Eviction\"}", Encoding.UTF8, "application/json") };

    [Fact]
    public async Task An_evictions_429_is_answered_at_once()
    {
        await using var server = new LoopbackHttpServer((_, _) => new Reply(429));
        using var client = Client();
        using var response = await client.SendAsync(Post(server.Url, "/api/v1/namespaces/shop/pods/web-1/eviction"));
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(["POST"], server.Methods);
    }

    [Fact]
    public async Task Another_429_is_still_retried()
    {
        await using var server = new LoopbackHttpServer((n, _) => n == 0 ? new Reply(429) : new Reply(201));
        using var client = Client();
        using var response = await client.SendAsync(Post(server.Url, "/api/v1/namespaces/shop/pods"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["POST", "POST"], server.Methods);
    }
}
