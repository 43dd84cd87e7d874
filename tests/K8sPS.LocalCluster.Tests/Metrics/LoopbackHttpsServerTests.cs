using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using K8sPS.LocalCluster.Metrics;
using K8sPS.LocalCluster.Supervisor;

namespace K8sPS.LocalCluster.Tests.Metrics;

/// <summary>
/// The metrics server's HTTPS as the aggregator meets it: our certificate for metrics-server.kube-system.svc
/// signed by the cluster CA, and the X-Remote-* headers believed only from the front-proxy certificate.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes them through IAsyncLifetime.DisposeAsync.")]
public sealed class LoopbackHttpsServerTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "k8sps-metrics-tls-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _stop = new();
    private readonly List<MetricsRequest> _seen = [];
    private Pki _pki = null!;
    private X509Certificate2 _ca = null!;
    private X509Certificate2 _frontProxyCa = null!;
    private X509Certificate2 _serving = null!;
    private LoopbackHttpsServer _server = null!;
    private Task _running = Task.CompletedTask;

    public Task InitializeAsync()
    {
        _pki = Pki.LoadOrCreate(_dir);
        _ca = X509Certificate2.CreateFromPem(_pki.Ca.CertPem);
        _frontProxyCa = X509Certificate2.CreateFromPem(_pki.FrontProxyCa.CertPem);
        using var ephemeral = _pki.MetricsServing.ToCertificate();
        _serving = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        var authenticator = new FrontProxyAuthenticator(_frontProxyCa, new HashSet<string> { Pki.FrontProxyClientName });
        _server = new LoopbackHttpsServer(_serving, _frontProxyCa, authenticator, (request, _) =>
        {
            lock (_seen) _seen.Add(request);
            var who = request.User is { } u ? $"{u.Name}|{string.Join(",", u.Groups)}|{string.Join(",", u.Extra.Select(e => e.Key + "=" + string.Join("+", e.Value)))}" : "anonymous";
            return Task.FromResult(MetricsResponse.Text(who));
        }, log: null);
        _server.Start();
        _running = _server.RunAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _server.Dispose();
        _serving.Dispose();
        _ca.Dispose();
        _frontProxyCa.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private HttpClient Client(CertificatePair? clientPair, Action<X509Certificate2>? onServerCertificate = null)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, cert, _, _) =>
                {
                    var c = X509CertificateLoader.LoadCertificate(cert!.GetRawCertData());
                    onServerCertificate?.Invoke(c);
                    return Pki.Verify(c, _ca);
                },
            },
        };
        if (clientPair is not null) handler.SslOptions.ClientCertificates = [clientPair.ToCertificate()];
        return new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{_server.Port}") };
    }

    private static HttpRequestMessage Get(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(FrontProxyAuthenticator.UserHeader, "alice");
        request.Headers.Add(FrontProxyAuthenticator.GroupHeader, "devs");
        request.Headers.Add(FrontProxyAuthenticator.ExtraHeaderPrefix + "Scopes", "a");
        return request;
    }

    [Fact]
    public async Task The_front_proxy_certificate_makes_the_headers_count()
    {
        X509Certificate2? presented = null;
        using var client = Client(_pki.FrontProxyClient, c => presented = c);
        using var first = await client.SendAsync(Get("/apis/metrics.k8s.io/v1beta1"));
        Assert.Equal("alice|devs|scopes=a", await first.Content.ReadAsStringAsync());
        // Kept alive: a second request on the same connection.
        using var second = await client.SendAsync(Get("/apis/metrics.k8s.io/v1beta1/pods?labelSelector=app%3Dweb"));
        Assert.Equal(System.Net.HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("/apis/metrics.k8s.io/v1beta1/pods?labelSelector=app%3Dweb", _seen[^1].Target);

        var names = presented!.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains(Pki.MetricsServiceDnsName, names.EnumerateDnsNames());
        Assert.Contains("127.0.0.1", names.EnumerateIPAddresses().Select(a => a.ToString()));
    }

    [Fact]
    public async Task Headers_from_any_other_client_are_ignored()
    {
        // The admin's certificate is good for the apiserver, but it is not the front proxy's.
        using var admin = Client(_pki.Admin);
        using var asAdmin = await admin.SendAsync(Get("/apis/metrics.k8s.io/v1beta1"));
        Assert.Equal("anonymous", await asAdmin.Content.ReadAsStringAsync());

        using var nobody = Client(null);
        using var asNobody = await nobody.SendAsync(Get("/apis/metrics.k8s.io/v1beta1"));
        Assert.Equal("anonymous", await asNobody.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Groups_and_extras_come_one_a_header_line_as_the_aggregator_sends_them()
    {
        var user = FrontProxyAuthenticator.UserFrom(
        [
            new("x-remote-user", "system:serviceaccount:kube-system:horizontal-pod-autoscaler"),
            new("X-Remote-Group", "system:serviceaccounts"),
            new("X-Remote-Group", "system:authenticated"),
            new("X-Remote-Extra-Authentication.kubernetes.io%2fpod-name", "p1"),
            new("Accept", "application/json"),
        ])!;
        Assert.Equal("system:serviceaccount:kube-system:horizontal-pod-autoscaler", user.Name);
        Assert.Equal(["system:serviceaccounts", "system:authenticated"], user.Groups);
        Assert.Equal(["p1"], user.Extra["authentication.kubernetes.io/pod-name"]);
        Assert.Null(FrontProxyAuthenticator.UserFrom([new("X-Remote-Group", "system:masters")]));
    }

    [Fact]
    public void It_listens_on_loopback_only()
    {
        var listening = File.ReadAllLines("/proc/net/tcp").Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f[3] == "0A" && Convert.ToInt32(f[1].Split(':')[1], 16) == _server.Port)
            .Select(f => f[1].Split(':')[0])
            .ToList();
        Assert.Equal(["0100007F"], listening);
    }

    [Fact]
    public async Task A_request_that_is_not_http_is_answered_400_and_closed()
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync("127.0.0.1", _server.Port);
        using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "metrics-server.kube-system.svc" });
        await tls.WriteAsync(Encoding.ASCII.GetBytes("HELLO\r\n\r\n"));
        var buffer = new byte[4096];
        var read = await tls.ReadAsync(buffer);
        Assert.StartsWith("HTTP/1.1 400", Encoding.ASCII.GetString(buffer, 0, read));
    }
}
