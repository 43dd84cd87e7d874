using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using K8sPS.Engine.Connection;

namespace K8sPS.Engine.Tests.Apply;

/// <summary>What the fake apiserver does with one request: answer with a status and a JSON body, or hang up without an answer.</summary>
internal sealed record FakeAnswer(int Status, string Body = "{}", bool HangUp = false)
{
    public static FakeAnswer Hang { get; } = new(0, "", HangUp: true);
}

/// <summary>One request the fake apiserver received.</summary>
internal sealed record FakeRequest(string Method, string Path, string? ContentType, string Body);

/// <summary>
/// A plain HTTP/1.1 apiserver on 127.0.0.1 for the applier's tests: discovery of a few kinds (configmaps, services,
/// apiservices) at a version of the test's choosing, and every other request answered by the test's function. A hang-up
/// closes the connection after reading the request, as Go's HTTP server does when a handler panics.
/// </summary>
internal sealed class FakeApiServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<FakeRequest, FakeAnswer> _answer;
    private readonly string _version;
    private readonly Task _loop;

    public FakeApiServer(string version, Func<FakeRequest, FakeAnswer> answer)
    {
        _version = version;
        _answer = answer;
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>Every request but discovery's, in the order received.</summary>
    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    /// <summary>A REST client over the one request pipeline, with a short retry budget.</summary>
    public KubeRest Rest() =>
        new(new HttpClient(new RequestPipeline(new RetryPolicy(TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(20)), null, null, http2: false, TimeSpan.FromSeconds(10))
        { InnerHandler = new SocketsHttpHandler() }), Url);

    public void StopListening() => _listener.Stop();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var request = await ReadAsync(stream).ConfigureAwait(false);
            var answer = Discovery(request.Path);
            if (answer is null)
            {
                Requests.Enqueue(request);
                answer = _answer(request);
            }
            if (answer.HangUp) return; // closed without a byte of answer: the client sees the response end early
            var body = Encoding.UTF8.GetBytes(answer.Body);
            var head = $"HTTP/1.1 {answer.Status.ToString(CultureInfo.InvariantCulture)} Fake\r\nContent-Type: application/json\r\nContent-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head)).ConfigureAwait(false);
            await stream.WriteAsync(body).ConfigureAwait(false);
            await stream.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The client went away.
        }
    }

    private FakeAnswer? Discovery(string path) => path switch
    {
        "/version" => new(200, $$"""{"major":"1","gitVersion":"v{{_version}}"}"""),
        "/api/v1" => new(200, """
            {"kind":"APIResourceList","groupVersion":"v1","resources":[
              {"name":"configmaps","singularName":"","namespaced":true,"kind":"ConfigMap","verbs":["create","delete","get","list","patch","update"],"shortNames":["cm"]},
              {"name":"services","singularName":"","namespaced":true,"kind":"Service","verbs":["create","delete","get","list","patch","update"],"shortNames":["svc"]}]}
            """),
        "/apis" => new(200, """
            {"kind":"APIGroupList","groups":[{"name":"apiregistration.k8s.io","versions":[{"groupVersion":"apiregistration.k8s.io/v1","version":"v1"}],
              "preferredVersion":{"groupVersion":"apiregistration.k8s.io/v1","version":"v1"}}]}
            """),
        "/apis/apiregistration.k8s.io/v1" => new(200, """
            {"kind":"APIResourceList","groupVersion":"apiregistration.k8s.io/v1","resources":[
              {"name":"apiservices","singularName":"","namespaced":false,"kind":"APIService","verbs":["create","delete","get","list","patch","update"]}]}
            """),
        _ => null,
    };

    private static async Task<FakeRequest> ReadAsync(Stream stream)
    {
        var header = new StringBuilder();
        var one = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one).ConfigureAwait(false) == 0) throw new IOException("closed");
            header.Append((char)one[0]);
        }
        var lines = header.ToString().Split("\r\n");
        string? Header(string name) => lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim();
        var length = int.Parse(Header("Content-Length") ?? "0", CultureInfo.InvariantCulture);
        var body = new byte[length];
        for (var read = 0; read < length;)
            read += await stream.ReadAsync(body.AsMemory(read)).ConfigureAwait(false);
        var target = lines[0].Split(' ')[1];
        return new FakeRequest(lines[0].Split(' ')[0], target, Header("Content-Type")?.Split(';')[0], Encoding.UTF8.GetString(body));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
