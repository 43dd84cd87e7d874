using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using k8s.Models;
using K8sPS.LocalCluster.Simulator;
using K8sPS.LocalCluster.Supervisor;

namespace K8sPS.LocalCluster.Tests.Simulator;

/// <summary>
/// A simulated node's kubelet endpoint on its loopback address, over TLS with the cluster's
/// certificates, answered as the API server would call it (without a control plane).
/// </summary>
// xunit disposes it through IAsyncLifetime.DisposeAsync, which CA1001 does not know.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in DisposeAsync")]
public sealed class KubeletEndpointTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "k8sps-kubelet-ep-" + Guid.NewGuid().ToString("N"));
    private readonly SimulatedNodeIdentity _node = new(1, "epnode", "10.244.0.0/24", "127.0.49.250");
    private Pki _pki = null!;
    private KubeletServer _server = null!;
    private V1Pod _pod = null!;
    private PodTimeline _timeline = null!;

    public Task InitializeAsync()
    {
        _pki = Pki.LoadOrCreate(_dir);
        var options = new NodeSimulatorOptions { ContainerCreatingDuration = TimeSpan.Zero };
        _pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop", Uid = "u1", Annotations = new Dictionary<string, string> { [SimAnnotations.Log] = "one\ntwo\nthree" } },
            Spec = new V1PodSpec { NodeName = "epnode", Containers = new List<V1Container> { new() { Name = "app", Image = "nginx:1.25" } } },
        };
        _timeline = new PodTimeline(_pod, DateTime.UtcNow.AddSeconds(-10), options);
        _server = new KubeletServer(new KubeletEndpointOptions
        {
            ServingCertificate = n => _pki.NodeServing(n.Name, n.InternalIp).ToCertificate(),
            IsTrustedClient = _pki.IsKubeletClient,
        }, [_node], null);
        _server.Start();
        _server.Handler = new KubeletApi((node, ns, name) => node == "epnode" && ns == "shop" && name == "web" ? (_pod, _timeline) : null, TimeProvider.System).HandleAsync;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, true);
    }

    private HttpClient Client(CertificatePair? clientCert)
    {
        var ca = X509Certificate2.CreateFromPem(_pki.Ca.CertPem);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, cert, _, _) => cert is X509Certificate2 c && Pki.Verify(c, ca) && c.MatchesHostname(_node.InternalIp),
                ClientCertificates = clientCert is null ? null : new X509CertificateCollection { clientCert.ToCertificate() },
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://{_node.InternalIp}:{_server.Port}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    [Fact]
    public async Task The_api_server_gets_the_containers_log_with_the_kubelets_options()
    {
        using var client = Client(_pki.KubeletClient);
        var all = await client.GetStringAsync("containerLogs/shop/web/app");
        Assert.Equal(new[] { "one", "two", "three" }, all.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..]);
        Assert.Equal("three\n", await client.GetStringAsync("containerLogs/shop/web/app?tailLines=1"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z three\n$", await client.GetStringAsync("containerLogs/shop/web/app?tailLines=1&timestamps=true"));
    }

    [Fact]
    public async Task Unknown_pods_and_containers_get_the_kubelets_errors()
    {
        using var client = Client(_pki.KubeletClient);
        var pod = await client.GetAsync("containerLogs/shop/nope/app");
        Assert.Equal(HttpStatusCode.NotFound, pod.StatusCode);
        Assert.Equal("pod \"nope\" does not exist", await pod.Content.ReadAsStringAsync());
        var container = await client.GetAsync("containerLogs/shop/web/db");
        Assert.Equal("container \"db\" not found in pod \"web\"", await container.Content.ReadAsStringAsync());
        var previous = await client.GetAsync("containerLogs/shop/web/app?previous=true");
        Assert.Equal(HttpStatusCode.BadRequest, previous.StatusCode);
        Assert.Equal("previous terminated container \"app\" in pod \"web\" not found", await previous.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Exec_is_refused_with_a_status_that_says_the_node_is_simulated()
    {
        using var client = Client(_pki.KubeletClient);
        var exec = await client.PostAsync("exec/shop/web/app?command=ls&output=1", null);
        Assert.Equal(HttpStatusCode.BadRequest, exec.StatusCode);
        var body = await exec.Content.ReadAsStringAsync();
        Assert.Contains("\"kind\":\"Status\"", body);
        Assert.Contains("exec is not available on simulated node epnode", body);
    }

    [Fact]
    public async Task Callers_without_the_api_servers_certificate_are_turned_away()
    {
        using var anonymous = Client(null);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => anonymous.GetStringAsync("healthz"));
        using var admin = Client(_pki.Admin);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => admin.GetStringAsync("healthz"));
        using var apiServer = Client(_pki.KubeletClient);
        Assert.Equal("ok", await apiServer.GetStringAsync("healthz"));
    }

    [Fact]
    public async Task A_stopped_node_does_not_answer_until_it_serves_again()
    {
        using var client = Client(_pki.KubeletClient);
        _server.SetServing("epnode", false);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetStringAsync("healthz"));
        _server.SetServing("epnode", true);
        using var again = Client(_pki.KubeletClient);
        Assert.Equal("ok", await again.GetStringAsync("healthz"));
    }
}
