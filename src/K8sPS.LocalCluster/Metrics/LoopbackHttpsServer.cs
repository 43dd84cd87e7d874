using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace K8sPS.LocalCluster.Metrics;

/// <summary>
/// A small HTTPS/1.1 server on 127.0.0.1 and a port the system picks: enough HTTP for the apiserver's
/// proxy (GET, keep-alive, Content-Length bodies) without a web framework the module would have to ship.
/// TLS asks every client for a certificate and names the requestheader CA as the one to use, so the
/// apiserver presents its front-proxy certificate; whether a request is the front proxy's is decided per
/// connection by <see cref="FrontProxyAuthenticator"/>.
/// </summary>
internal sealed class LoopbackHttpsServer : IDisposable
{
    private const int MaxHeadBytes = 32 * 1024;
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(90);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly SslServerAuthenticationOptions _tls;
    private readonly FrontProxyAuthenticator _authenticator;
    private readonly Func<MetricsRequest, CancellationToken, Task<MetricsResponse>> _handle;
    private readonly Action<string>? _log;

    public LoopbackHttpsServer(X509Certificate2 serving, X509Certificate2 requestHeaderCa, FrontProxyAuthenticator authenticator,
        Func<MetricsRequest, CancellationToken, Task<MetricsResponse>> handle, Action<string>? log)
    {
        _authenticator = authenticator;
        _handle = handle;
        _log = log;
        _tls = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = SslStreamCertificateContext.Create(serving, additionalCertificates: null, offline: true,
                trust: SslCertificateTrust.CreateForX509Collection(new X509Certificate2Collection(requestHeaderCa), sendTrustInHandshake: true)),
            ClientCertificateRequired = true,
            // Any certificate, or none, completes the handshake: the authenticator decides what it is worth.
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            ApplicationProtocols = [SslApplicationProtocol.Http11],
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        };
    }

    /// <summary>Listens; the port is known from here on.</summary>
    public void Start() => _listener.Start(backlog: 64);

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Accepts connections until <paramref name="ct"/> is cancelled, each served on its own.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var connections = new List<Task>();
        using var stop = ct.Register(() => _listener.Stop());
        try
        {
            while (!ct.IsCancellationRequested)
            {
                Socket socket;
                try { socket = await _listener.AcceptSocketAsync(ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
                catch (ObjectDisposedException) { break; }
                catch (SocketException) when (ct.IsCancellationRequested) { break; }
                connections.RemoveAll(t => t.IsCompleted);
                connections.Add(ServeConnectionAsync(socket, ct));
            }
        }
        finally
        {
            _listener.Stop();
            await Task.WhenAll(connections).ConfigureAwait(false);
        }
    }

    private async Task ServeConnectionAsync(Socket socket, CancellationToken ct)
    {
        await Task.Yield();
        using var network = new NetworkStream(socket, ownsSocket: true);
        using var tls = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                handshake.CancelAfter(HandshakeTimeout);
                await tls.AuthenticateAsServerAsync(_tls, handshake.Token).ConfigureAwait(false);
            }
            using var clientCert = tls.RemoteCertificate is { } c ? X509CertificateLoader.LoadCertificate(c.GetRawCertData()) : null;
            var isFrontProxy = _authenticator.IsFrontProxy(clientCert);
            var reader = new HeadReader(tls);
            while (!ct.IsCancellationRequested)
            {
                HttpRequestHead? head;
                using (var idle = CancellationTokenSource.CreateLinkedTokenSource(ct))
                {
                    idle.CancelAfter(IdleTimeout);
                    var raw = await reader.ReadHeadAsync(idle.Token).ConfigureAwait(false);
                    if (raw is null) return;
                    head = HttpRequestHead.Parse(raw);
                }
                if (head is null || head.IsChunked || head.ContentLength > 1_000_000)
                {
                    await WriteAsync(tls, MetricsResponse.Json(MetricsJson.Status(400, "BadRequest", "malformed or unsupported request"), 400), keepAlive: false, ct).ConfigureAwait(false);
                    return;
                }
                await reader.SkipAsync(head.ContentLength, ct).ConfigureAwait(false);
                var user = isFrontProxy ? FrontProxyAuthenticator.UserFrom(head.Headers) : null;
                MetricsResponse response;
                try
                {
                    response = await _handle(new MetricsRequest(head.Method, head.Target, head.Headers, user), ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    _log?.Invoke($"metrics: {head.Method} {head.Target} failed: {e.GetType().Name}: {e.Message}");
                    response = MetricsResponse.Json(MetricsJson.Status(500, "InternalError", "Internal error occurred: " + e.Message), 500);
                }
                await WriteAsync(tls, response, head.KeepAlive, ct).ConfigureAwait(false);
                if (!head.KeepAlive) return;
            }
        }
        catch (Exception e) when (e is IOException or AuthenticationException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The peer went away, idled out, or failed the handshake: nothing to answer.
        }
    }

    private static async Task WriteAsync(Stream stream, MetricsResponse response, bool keepAlive, CancellationToken ct)
    {
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.StatusCode} {Reason(response.StatusCode)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: {response.ContentType}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {response.Body.Length}\r\n")
            .Append("Cache-Control: no-cache, private\r\n")
            .Append(CultureInfo.InvariantCulture, $"Date: {DateTimeOffset.UtcNow:R}\r\n")
            .Append(keepAlive ? "" : "Connection: close\r\n")
            .Append("\r\n")
            .ToString();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct).ConfigureAwait(false);
        await stream.WriteAsync(response.Body, ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
    }

    private static string Reason(int code) => code switch
    {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };

    public void Dispose() => _listener.Dispose();

    /// <summary>Reads request heads (up to the blank line) and skips bodies, keeping what was read past them.</summary>
    private sealed class HeadReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[MaxHeadBytes];
        private int _start;
        private int _end;

        /// <summary>The head's bytes; null when the peer closed between requests.</summary>
        public async Task<byte[]?> ReadHeadAsync(CancellationToken ct)
        {
            while (true)
            {
                var at = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8);
                if (at >= 0)
                {
                    var head = _buffer.AsSpan(_start, at).ToArray();
                    _start += at + 4;
                    return head;
                }
                if (_start > 0)
                {
                    Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                    _end -= _start;
                    _start = 0;
                }
                if (_end == _buffer.Length) throw new IOException("request head too large");
                var read = await stream.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
                if (read == 0)
                {
                    if (_end == 0) return null;
                    throw new IOException("connection closed inside a request head");
                }
                _end += read;
            }
        }

        public async Task SkipAsync(long length, CancellationToken ct)
        {
            var buffered = Math.Min(length, _end - _start);
            _start += (int)buffered;
            length -= buffered;
            var scratch = new byte[4096];
            while (length > 0)
            {
                var read = await stream.ReadAsync(scratch.AsMemory(0, (int)Math.Min(scratch.Length, length)), ct).ConfigureAwait(false);
                if (read == 0) throw new IOException("connection closed inside a request body");
                length -= read;
            }
        }
    }
}
