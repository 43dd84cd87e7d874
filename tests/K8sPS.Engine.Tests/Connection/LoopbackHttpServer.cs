using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace K8sPS.Engine.Tests.Connection;

/// <summary>What the test server does with request number n (0-based): answer a status with headers, or hang up.</summary>
internal sealed record Reply(int Status, string Headers = "", bool HangUp = false, string Body = "{}");

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 for the request pipeline's tests: every connection carries one
/// request, answered as <c>reply</c> says (or closed without an answer), optionally over TLS. It can stop
/// listening and start again on the same port, as an apiserver that restarts.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly Func<int, string, Reply> _reply;
    private readonly X509Certificate2? _certificate;
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;
    private Task? _loop;
    private int _count;

    public LoopbackHttpServer(Func<int, string, Reply> reply, X509Certificate2? certificate = null, int port = 0)
    {
        _reply = reply;
        _certificate = certificate;
        Start(port);
    }

    public int Port { get; private set; }
    public Uri Url => new($"{(_certificate is null ? "http" : "https")}://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>The method of every request received, in order.</summary>
    public ConcurrentQueue<string> Methods { get; } = new();

    public void Start(int port = 0)
    {
        _listener = new TcpListener(IPAddress.Loopback, port == 0 ? Port : port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        var listener = _listener;
        _loop = Task.Run(() => AcceptAsync(listener));
    }

    /// <summary>Stops listening: connections are refused until <see cref="Start"/>.</summary>
    public async Task StopListeningAsync()
    {
        _listener?.Stop();
        if (_loop is not null) await _loop.ConfigureAwait(false);
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            Stream stream = client.GetStream();
            if (_certificate is not null)
            {
                var tls = new SslStream(stream);
                await tls.AuthenticateAsServerAsync(_certificate).ConfigureAwait(false);
                stream = tls;
            }
            var (method, _) = await ReadRequestAsync(stream).ConfigureAwait(false);
            Methods.Enqueue(method);
            var reply = _reply(Interlocked.Increment(ref _count) - 1, method);
            if (reply.HangUp) { client.Client.LingerState = new LingerOption(true, 0); return; }
            var body = Encoding.UTF8.GetBytes(reply.Body);
            var head = $"HTTP/1.1 {reply.Status} Test\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n{reply.Headers}\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head).Concat(body).ToArray()).ConfigureAwait(false);
            await stream.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
        {
            // The client hung up (a rejected certificate, say): nothing to answer.
        }
    }

    private static async Task<(string Method, int Length)> ReadRequestAsync(Stream stream)
    {
        var header = new StringBuilder();
        var one = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one).ConfigureAwait(false) == 0) throw new IOException("closed");
            header.Append((char)one[0]);
        }
        var lines = header.ToString().Split("\r\n");
        var length = lines.Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(l => int.Parse(l[15..].Trim(), CultureInfo.InvariantCulture)).FirstOrDefault();
        var body = new byte[length];
        for (var read = 0; read < length;)
            read += await stream.ReadAsync(body.AsMemory(read)).ConfigureAwait(false);
        return (lines[0].Split(' ')[0], length);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await StopListeningAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
