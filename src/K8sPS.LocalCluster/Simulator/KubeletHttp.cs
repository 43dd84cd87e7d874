using System.Globalization;
using System.Net;
using System.Text;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>One HTTP/1.1 request as the API server sends it to a kubelet: method, path, query, headers (bodies are not needed).</summary>
internal sealed record KubeletHttpRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers)
{
    private const int MaxHead = 64 * 1024;

    /// <summary>Reads the request head from <paramref name="stream"/>; null when the peer closed or sent something else.</summary>
    public static async Task<KubeletHttpRequest?> ReadAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[MaxHead];
        var length = 0;
        int end;
        while ((end = HeadEnd(buffer, length)) < 0)
        {
            if (length == buffer.Length) return null;
            var read = await stream.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false);
            if (read == 0) return null;
            length += read;
        }
        var lines = Encoding.ASCII.GetString(buffer, 0, end).Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal)) return null;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var target = parts[1];
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(question < 0 ? target : target[..question]);
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (question >= 0)
        {
            foreach (var pair in target[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var key = WebUtility.UrlDecode(eq < 0 ? pair : pair[..eq]);
                // Repeated keys (exec's command=) keep the first: only the log options are read.
                query.TryAdd(key, eq < 0 ? "" : WebUtility.UrlDecode(pair[(eq + 1)..]));
            }
        }
        return new KubeletHttpRequest(parts[0], path, query, headers);
    }

    private static int HeadEnd(byte[] buffer, int length)
    {
        for (var i = 3; i < length; i++)
            if (buffer[i - 3] == '\r' && buffer[i - 2] == '\n' && buffer[i - 1] == '\r' && buffer[i] == '\n') return i - 3;
        return -1;
    }
}

/// <summary>Writes one response and closes the connection: a whole body, or a chunked stream flushed as it goes (logs -f).</summary>
internal sealed class KubeletHttpResponse(Stream stream)
{
    private bool _chunked;

    public bool Started { get; private set; }

    public async Task WriteAsync(int status, string contentType, string body, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        await WriteHeadAsync(status, contentType, $"Content-Length: {bytes.Length.ToString(CultureInfo.InvariantCulture)}\r\n", ct).ConfigureAwait(false);
        await stream.WriteAsync(bytes, ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
    }

    public Task BeginChunkedAsync(string contentType, CancellationToken ct)
    {
        _chunked = true;
        return WriteHeadAsync(200, contentType, "Transfer-Encoding: chunked\r\n", ct);
    }

    public Task WriteChunkAsync(string text, CancellationToken ct) => WriteChunkAsync(Encoding.UTF8.GetBytes(text), ct);

    public async Task WriteChunkAsync(byte[] bytes, CancellationToken ct)
    {
        if (bytes.Length == 0) return;
        await stream.WriteAsync(Encoding.ASCII.GetBytes(bytes.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), ct).ConfigureAwait(false);
        await stream.WriteAsync(bytes, ct).ConfigureAwait(false);
        await stream.WriteAsync("\r\n"u8.ToArray(), ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
    }

    public async Task EndAsync(CancellationToken ct)
    {
        if (!_chunked) return;
        await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
    }

    private async Task WriteHeadAsync(int status, string contentType, string framing, CancellationToken ct)
    {
        Started = true;
        var reason = status switch { 200 => "OK", 400 => "Bad Request", 404 => "Not Found", 422 => "Unprocessable Entity", 503 => "Service Unavailable", _ => ((HttpStatusCode)status).ToString() };
        var head = $"HTTP/1.1 {status.ToString(CultureInfo.InvariantCulture)} {reason}\r\nContent-Type: {contentType}\r\n{framing}Connection: close\r\n" +
                   $"Date: {DateTime.UtcNow.ToString("R", CultureInfo.InvariantCulture)}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct).ConfigureAwait(false);
    }
}
