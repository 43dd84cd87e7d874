namespace K8sPS.LocalCluster.Metrics;

/// <summary>One HTTP request as the metrics API sees it; <see cref="User"/> is null unless the front proxy vouched for it.</summary>
internal sealed record MetricsRequest(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers, RemoteUser? User)
{
    public string? Header(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
}

/// <summary>The answer: status code, content type and body.</summary>
internal sealed record MetricsResponse(int StatusCode, string ContentType, byte[] Body)
{
    public static MetricsResponse Json(byte[] body, int statusCode = 200) => new(statusCode, "application/json", body);

    public static MetricsResponse Text(string body, int statusCode = 200) => new(statusCode, "text/plain; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(body));
}
