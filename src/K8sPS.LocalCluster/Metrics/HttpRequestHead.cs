using System.Globalization;
using System.Text;

namespace K8sPS.LocalCluster.Metrics;

/// <summary>The request line and headers of one HTTP/1.1 request.</summary>
internal sealed record HttpRequestHead(string Method, string Target, string Version, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public string? Header(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    public long ContentLength =>
        long.TryParse(Header("Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    public bool IsChunked => Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 closes unless told to keep it.</summary>
    public bool KeepAlive
    {
        get
        {
            var connection = Header("Connection");
            if (Version == "HTTP/1.0") return connection?.Contains("keep-alive", StringComparison.OrdinalIgnoreCase) == true;
            return connection?.Contains("close", StringComparison.OrdinalIgnoreCase) != true;
        }
    }

    /// <summary>Parses the bytes before the blank line; null when they are not an HTTP/1.x request.</summary>
    public static HttpRequestHead? Parse(ReadOnlySpan<byte> head)
    {
        var text = Encoding.Latin1.GetString(head);
        var lines = text.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal) || requestLine[1].Length == 0)
            return null;
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) return null;
            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        return new HttpRequestHead(requestLine[0], requestLine[1], requestLine[2], headers);
    }
}
