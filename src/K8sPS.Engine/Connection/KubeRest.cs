using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace K8sPS.Engine.Connection;

/// <summary>An answer from the apiserver: status code and body.</summary>
public sealed record KubeResponse(int StatusCode, string Body)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);
}

/// <summary>
/// Raw REST calls for resources known only through discovery (any kind, CRDs included). They go through the
/// connection's own HttpClient, hence its <see cref="RequestPipeline"/>: the same credentials, TLS checks,
/// HTTP version, retries and request log as the typed calls.
/// </summary>
public sealed class KubeRest
{
    private readonly HttpClient _http;
    private readonly string _base;

    public KubeRest(HttpClient http, Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(baseUri);
        _http = http;
        _base = baseUri.ToString().TrimEnd('/');
    }

    /// <summary>What a cache of server facts (discovery) is kept per: one per connection.</summary>
    public object Identity => _http;

    public async Task<KubeResponse> SendAsync(HttpMethod method, string pathAndQuery, string? body, string? contentType,
        CancellationToken cancellationToken, string accept = "application/json")
    {
        using var request = new HttpRequestMessage(method, _base + pathAndQuery);
        request.Headers.Accept.ParseAdd(accept);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json");
        }
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new KubeResponse((int)response.StatusCode, text);
    }

    public Task<KubeResponse> GetAsync(string pathAndQuery, CancellationToken cancellationToken, string accept = "application/json")
        => SendAsync(HttpMethod.Get, pathAndQuery, null, null, cancellationToken, accept);
}
