using System.Security.Cryptography.X509Certificates;
using K8sPS.LocalCluster.Metrics;
using K8sPS.LocalCluster.Supervisor;
using K8sPS.Engine.LocalCluster;

namespace K8sPS.LocalCluster.Tests.Metrics;

public sealed class MetricsPkiTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "k8sps-pki-metrics-" + Guid.NewGuid().ToString("N"));

    public void Dispose() { if (Directory.Exists(_dir)) Directory.Delete(_dir, true); }

    [Fact]
    public void The_front_proxy_has_a_ca_of_its_own_so_no_cluster_certificate_passes_for_it()
    {
        var pki = Pki.LoadOrCreate(_dir);
        using var ca = X509Certificate2.CreateFromPem(pki.Ca.CertPem);
        using var frontCa = X509Certificate2.CreateFromPem(pki.FrontProxyCa.CertPem);
        using var client = X509Certificate2.CreateFromPem(pki.FrontProxyClient.CertPem);
        Assert.True(Pki.Verify(client, frontCa));
        Assert.False(Pki.Verify(client, ca));
        Assert.Equal(Pki.FrontProxyClientName, client.GetNameInfo(X509NameType.SimpleName, false));
        using var admin = X509Certificate2.CreateFromPem(pki.Admin.CertPem);
        var authenticator = new FrontProxyAuthenticator(frontCa, new HashSet<string> { Pki.FrontProxyClientName });
        Assert.True(authenticator.IsFrontProxy(client));
        Assert.False(authenticator.IsFrontProxy(admin));
        Assert.False(authenticator.IsFrontProxy(null));
    }

    [Fact]
    public void A_warm_start_keeps_the_front_proxy_and_metrics_certificates()
    {
        var first = Pki.LoadOrCreate(_dir);
        var second = Pki.LoadOrCreate(_dir);
        Assert.Equal(first.FrontProxyCa.CertPem, second.FrontProxyCa.CertPem);
        Assert.Equal(first.FrontProxyClient.CertPem, second.FrontProxyClient.CertPem);
        Assert.Equal(first.MetricsServing.CertPem, second.MetricsServing.CertPem);
    }

    [Fact]
    public void The_apiserver_is_told_to_trust_and_present_the_front_proxy_certificates()
    {
        var pki = Pki.LoadOrCreate(_dir);
        var args = ControlPlane.ApiServerArguments(pki, new K8sPS.Engine.LocalCluster.ClusterPorts());
        Assert.Contains($"--requestheader-client-ca-file={pki.CertPath(pki.FrontProxyCa)}", args);
        Assert.Contains($"--requestheader-allowed-names={Pki.FrontProxyClientName}", args);
        Assert.Contains($"--proxy-client-cert-file={pki.CertPath(pki.FrontProxyClient)}", args);
        Assert.Contains("--requestheader-username-headers=X-Remote-User", args);
        var cm = ControlPlane.ControllerManagerArguments(pki, new K8sPS.Engine.LocalCluster.ClusterPorts(), "kc");
        Assert.Contains("--horizontal-pod-autoscaler-sync-period=5s", cm);
        Assert.Contains("--horizontal-pod-autoscaler-downscale-stabilization=15s", cm);
    }
}
