using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// Each simulated node's kubelet endpoint: HTTPS on the node's own loopback address and one port
/// shared by all nodes of the cluster, with the node's serving certificate, admitting only callers
/// whose client certificate <see cref="KubeletEndpointOptions.IsTrustedClient"/> accepts (the API
/// server). One request per connection. A node whose heartbeat is stopped stops listening, as a
/// dead kubelet does (the API server then gets "connection refused").
/// </summary>
internal sealed class KubeletServer : IAsyncDisposable
{
    private readonly KubeletEndpointOptions _options;
    private readonly IReadOnlyList<SimulatedNodeIdentity> _nodes;
    private readonly Action<string>? _log;
    private readonly ConcurrentDictionary<string, Socket> _listeners = new();
    private readonly ConcurrentDictionary<string, X509Certificate2> _certificates = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = new();
    private readonly object _gate = new();

    public KubeletServer(KubeletEndpointOptions options, IReadOnlyList<SimulatedNodeIdentity> nodes, Action<string>? log)
    {
        _options = options;
        _nodes = nodes;
        _log = log;
    }

    /// <summary>The port every node listens on (set by <see cref="Start"/>).</summary>
    public int Port { get; private set; }

    /// <summary>Answers one request of <paramref name="node"/>; set before traffic is expected (until then: 503).</summary>
    public Func<SimulatedNodeIdentity, KubeletHttpRequest, KubeletHttpResponse, CancellationToken, Task>? Handler { get; set; }

    /// <summary>Binds every node's address on the wanted port, or, when it is taken on any of them, on a port free on all.</summary>
    public void Start()
    {
        foreach (var node in _nodes) _certificates[node.Name] = _options.ServingCertificate(node);
        var candidates = new List<int>();
        if (_options.Port > 0) candidates.Add(_options.Port);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var port = candidates.Count > attempt ? candidates[attempt] : 0;
            var bound = TryBindAll(port);
            if (bound is not null)
            {
                Port = ((IPEndPoint)bound[0].LocalEndPoint!).Port;
                for (var i = 0; i < _nodes.Count; i++) Listen(_nodes[i], bound[i]);
                if (_options.Port > 0 && Port != _options.Port) _log?.Invoke($"kubelet endpoints: port {_options.Port} is taken; serving on {Port}");
                _log?.Invoke($"kubelet endpoints on port {Port} of {string.Join(", ", _nodes.Select(n => n.InternalIp))}");
                return;
            }
        }
        throw new InvalidOperationException($"no port free on every node address ({string.Join(", ", _nodes.Select(n => n.InternalIp))}) for the kubelet endpoints");
    }

    /// <summary>Stops (false) or resumes (true) listening on one node's address.</summary>
    public void SetServing(string nodeName, bool serving)
    {
        var node = _nodes.FirstOrDefault(n => n.Name == nodeName);
        if (node is null) return;
        if (!serving)
        {
            if (_listeners.TryRemove(nodeName, out var socket)) socket.Dispose();
            return;
        }
        if (_listeners.ContainsKey(nodeName)) return;
        try
        {
            Listen(node, Bind(node, Port));
        }
        catch (SocketException e)
        {
            _log?.Invoke($"kubelet endpoint of {nodeName}: cannot listen on {node.InternalIp}:{Port} again: {e.Message}");
        }
    }

    private List<Socket>? TryBindAll(int port)
    {
        var bound = new List<Socket>();
        try
        {
            foreach (var node in _nodes)
            {
                bound.Add(Bind(node, port));
                // Port 0 on the first node picks the port the others must take too.
                if (port == 0) port = ((IPEndPoint)bound[0].LocalEndPoint!).Port;
            }
            return bound;
        }
        catch (SocketException)
        {
            foreach (var s in bound) s.Dispose();
            return null;
        }
    }

    private static Socket Bind(SimulatedNodeIdentity node, int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Parse(node.InternalIp), port));
            socket.Listen(128);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void Listen(SimulatedNodeIdentity node, Socket socket)
    {
        _listeners[node.Name] = socket;
        lock (_gate) _loops.Add(AcceptLoopAsync(node, socket, _stop.Token));
    }

    private async Task AcceptLoopAsync(SimulatedNodeIdentity node, Socket listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = ServeAsync(node, connection, ct);
        }
    }

    private async Task ServeAsync(SimulatedNodeIdentity node, Socket connection, CancellationToken ct)
    {
        using var _ = connection;
        await using var network = new NetworkStream(connection, ownsSocket: false);
        await using var tls = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                handshake.CancelAfter(TimeSpan.FromSeconds(10));
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = _certificates[node.Name],
                    ClientCertificateRequired = true,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                        certificate is not null && _options.IsTrustedClient(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData())),
                }, handshake.Token).ConfigureAwait(false);
            }
            var request = await KubeletHttpRequest.ReadAsync(tls, ct).ConfigureAwait(false);
            if (request is null) return;
            var response = new KubeletHttpResponse(tls);
            if (Handler is not { } handler)
            {
                await response.WriteAsync(503, "text/plain; charset=utf-8", "the simulated kubelet is starting", ct).ConfigureAwait(false);
                return;
            }
            await handler(node, request, response, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or AuthenticationException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The caller went away (a `logs -f` that was stopped), or was not the API server.
        }
        catch (Exception e)
        {
            _log?.Invoke($"kubelet endpoint of {node.Name}: {e.GetType().Name}: {e.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var socket in _listeners.Values) socket.Dispose();
        _listeners.Clear();
        Task[] loops;
        lock (_gate) loops = _loops.ToArray();
        await Task.WhenAll(loops).ConfigureAwait(false);
        foreach (var cert in _certificates.Values) cert.Dispose();
        _stop.Dispose();
    }
}
