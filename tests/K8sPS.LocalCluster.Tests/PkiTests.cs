using System.Security.Cryptography.X509Certificates;
using K8sPS.LocalCluster.Supervisor;

namespace K8sPS.LocalCluster.Tests;

public sealed class PkiTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "k8sps-pki-" + Guid.NewGuid().ToString("N"));

    public void Dispose() { if (Directory.Exists(_dir)) Directory.Delete(_dir, true); }

    [Fact]
    public void Every_certificate_chains_to_the_cluster_ca()
    {
        var pki = Pki.LoadOrCreate(_dir);
        using var ca = X509Certificate2.CreateFromPem(pki.Ca.CertPem);
        Assert.True(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        foreach (var pair in new[] { pki.ApiServer, pki.Etcd, pki.EtcdClient, pki.Admin, pki.ControllerManager, pki.Scheduler, pki.ControllerManagerServing, pki.SchedulerServing })
        {
            using var cert = X509Certificate2.CreateFromPem(pair.CertPem);
            Assert.True(Pki.Verify(cert, ca), pair.Name);
            Assert.False(cert.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        }
    }

    [Fact]
    public void A_certificate_from_another_ca_does_not_verify()
    {
        var pki = Pki.LoadOrCreate(_dir);
        using var ca = X509Certificate2.CreateFromPem(pki.Ca.CertPem);
        var other = Pki.CreateCa("other");
        using var otherCa = other.ToCertificate();
        var foreign = Pki.CreateLeaf(otherCa, "x", "x", null, server: true, client: false, ["127.0.0.1"]);
        using var cert = X509Certificate2.CreateFromPem(foreign.CertPem);
        Assert.False(Pki.Verify(cert, ca));
    }

    [Fact]
    public void Admin_is_in_system_masters_and_components_have_their_kubernetes_user_names()
    {
        var pki = Pki.LoadOrCreate(_dir);
        using var admin = X509Certificate2.CreateFromPem(pki.Admin.CertPem);
        Assert.Contains("O=system:masters", admin.Subject);
        using var cm = X509Certificate2.CreateFromPem(pki.ControllerManager.CertPem);
        Assert.Equal("system:kube-controller-manager", cm.GetNameInfo(X509NameType.SimpleName, false));
        using var scheduler = X509Certificate2.CreateFromPem(pki.Scheduler.CertPem);
        Assert.Equal("system:kube-scheduler", scheduler.GetNameInfo(X509NameType.SimpleName, false));
        var usage = admin.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages;
        Assert.Contains(usage.Cast<System.Security.Cryptography.Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.2");
    }

    [Fact]
    public void Apiserver_certificate_names_loopback_and_the_kubernetes_service()
    {
        var pki = Pki.LoadOrCreate(_dir);
        using var cert = X509Certificate2.CreateFromPem(pki.ApiServer.CertPem);
        var san = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        var ips = san.EnumerateIPAddresses().Select(i => i.ToString()).ToList();
        var dns = san.EnumerateDnsNames().ToList();
        Assert.Contains("127.0.0.1", ips);
        Assert.Contains(Pki.KubernetesServiceIp, ips);
        Assert.Contains("kubernetes.default.svc", dns);
        Assert.Contains("localhost", dns);
    }

    [Fact]
    public void A_second_load_reuses_the_files_and_keys_are_owner_only()
    {
        var first = Pki.LoadOrCreate(_dir);
        var second = Pki.LoadOrCreate(_dir);
        Assert.Equal(first.Ca.CertPem, second.Ca.CertPem);
        Assert.Equal(first.Admin.CertPem, second.Admin.CertPem);
        Assert.Equal(first.ServiceAccountKeyPem, second.ServiceAccountKeyPem);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_dir));
        foreach (var file in Directory.GetFiles(_dir))
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public void A_missing_leaf_is_recreated_without_replacing_the_ca()
    {
        var first = Pki.LoadOrCreate(_dir);
        File.Delete(first.CertPath(first.Admin));
        var second = Pki.LoadOrCreate(_dir);
        Assert.Equal(first.Ca.CertPem, second.Ca.CertPem);
        Assert.NotEqual(first.Admin.CertPem, second.Admin.CertPem);
    }
}
