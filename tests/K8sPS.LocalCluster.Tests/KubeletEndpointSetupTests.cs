using System.Security.Cryptography.X509Certificates;
using K8sEngine = K8sPS.Engine.LocalCluster;
using K8sPS.LocalCluster.Supervisor;
using K8sPS.Engine.LocalCluster;

namespace K8sPS.LocalCluster.Tests;

/// <summary>What the supervisor sets up so the API server can reach the simulated kubelets, and only it can.</summary>
public sealed class KubeletEndpointSetupTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "k8sps-kubelet-pki-" + Guid.NewGuid().ToString("N"));

    public void Dispose() { if (Directory.Exists(_dir)) Directory.Delete(_dir, true); }

    [Fact]
    public void A_nodes_serving_certificate_names_its_loopback_address_and_chains_to_the_cluster_ca()
    {
        var pki = Pki.LoadOrCreate(_dir);
        using var ca = X509Certificate2.CreateFromPem(pki.Ca.CertPem);
        using var cert = X509Certificate2.CreateFromPem(pki.NodeServing("demo-m02", "127.0.49.3").CertPem);
        Assert.True(Pki.Verify(cert, ca));
        Assert.True(cert.MatchesHostname("127.0.49.3"));
        Assert.True(cert.MatchesHostname("demo-m02"));
        Assert.False(cert.MatchesHostname("127.0.49.2"));
        Assert.Equal("system:node:demo-m02", cert.GetNameInfo(X509NameType.SimpleName, false));
        var usage = cert.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages;
        Assert.Contains(usage.Cast<System.Security.Cryptography.Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.1");
    }

    [Fact]
    public void The_serving_certificate_is_kept_and_made_again_when_the_address_changes()
    {
        var pki = Pki.LoadOrCreate(_dir);
        var first = pki.NodeServing("demo", "192.168.49.2");
        Assert.Equal(first.CertPem, pki.NodeServing("demo", "192.168.49.2").CertPem);
        var moved = pki.NodeServing("demo", "127.0.49.2");
        Assert.NotEqual(first.CertPem, moved.CertPem);
        using var cert = X509Certificate2.CreateFromPem(moved.CertPem);
        Assert.True(cert.MatchesHostname("127.0.49.2"));
    }

    [Fact]
    public void Only_the_api_servers_kubelet_client_certificate_is_let_in()
    {
        var pki = Pki.LoadOrCreate(_dir);
        using var client = X509Certificate2.CreateFromPem(pki.KubeletClient.CertPem);
        Assert.True(pki.IsKubeletClient(client));
        using var admin = X509Certificate2.CreateFromPem(pki.Admin.CertPem);
        Assert.False(pki.IsKubeletClient(admin));
        var other = Pki.CreateCa("other");
        using var otherCa = other.ToCertificate();
        using var forged = X509Certificate2.CreateFromPem(Pki.CreateLeaf(otherCa, "x", Pki.KubeletClientName, "system:masters", server: false, client: true, []).CertPem);
        Assert.False(pki.IsKubeletClient(forged));
    }

    [Fact]
    public void The_api_server_dials_kubelets_by_InternalIP_with_the_cluster_certificates_and_evicts_in_seconds()
    {
        var pki = Pki.LoadOrCreate(_dir);
        var args = ControlPlane.ApiServerArguments(pki, new K8sEngine.ClusterPorts { ApiServer = 1001, EtcdClient = 1002 });
        Assert.Contains("--kubelet-preferred-address-types=InternalIP", args);
        Assert.Contains($"--kubelet-client-certificate={pki.CertPath(pki.KubeletClient)}", args);
        Assert.Contains($"--kubelet-client-key={pki.KeyPath(pki.KubeletClient)}", args);
        Assert.Contains($"--kubelet-certificate-authority={pki.CertPath(pki.Ca)}", args);
        Assert.Contains("--default-unreachable-toleration-seconds=15", args);
        Assert.Contains("--default-not-ready-toleration-seconds=15", args);
        var cm = ControlPlane.ControllerManagerArguments(pki, new K8sEngine.ClusterPorts { ControllerManager = 1004 }, "/k");
        Assert.Contains("--node-monitor-grace-period=20s", cm);
    }

    [Fact]
    public void Each_cluster_gets_a_kubelet_port_of_its_own()
    {
        var ports = Supervisor.Supervisor.ChoosePorts(0, null);
        Assert.True(ports.Kubelet > 0);
        Assert.DoesNotContain(ports.Kubelet, ports.All.Select(p => p.Port));
        var again = Supervisor.Supervisor.ChoosePorts(0, ports);
        Assert.Equal(ports.Kubelet, again.Kubelet);
    }
}
