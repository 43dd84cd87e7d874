using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using K8sPS.Engine.LocalCluster;

namespace K8sPS.LocalCluster.Supervisor;

/// <summary>A certificate and its private key, as PEM.</summary>
internal sealed record CertificatePair(string Name, string CertPem, string KeyPem)
{
    public byte[] CertBytes => System.Text.Encoding.ASCII.GetBytes(CertPem);
    public byte[] KeyBytes => System.Text.Encoding.ASCII.GetBytes(KeyPem);

    public X509Certificate2 ToCertificate() => X509Certificate2.CreateFromPem(CertPem, KeyPem);
}

/// <summary>
/// The cluster's own certificate authority and every certificate it signs: the apiserver's and
/// etcd's serving certificates, client certificates for the admin (system:masters), the
/// controller-manager, the scheduler and the apiserver's etcd client, and the service-account
/// signing key. ECDSA P-256: generating it takes milliseconds, where RSA would cost a cold start seconds.
/// Files live in pki/ with mode 0600; a warm start reuses them.
/// </summary>
internal sealed class Pki
{
    private static readonly TimeSpan CaLifetime = TimeSpan.FromDays(3650);
    private static readonly TimeSpan LeafLifetime = TimeSpan.FromDays(365);

    public required string Dir { get; init; }
    public required CertificatePair Ca { get; init; }
    public required CertificatePair ApiServer { get; init; }
    public required CertificatePair Etcd { get; init; }
    public required CertificatePair EtcdClient { get; init; }
    public required CertificatePair Admin { get; init; }
    public required CertificatePair ControllerManager { get; init; }
    public required CertificatePair Scheduler { get; init; }
    public required CertificatePair ControllerManagerServing { get; init; }
    public required CertificatePair SchedulerServing { get; init; }
    /// <summary>What the API server presents to the simulated kubelets' endpoints (logs, exec, proxy).</summary>
    public required CertificatePair KubeletClient { get; init; }
    public required string ServiceAccountKeyPem { get; init; }
    /// <summary>The requestheader CA: signs only the apiserver's front-proxy client certificate, which aggregated API servers trust.</summary>
    public required CertificatePair FrontProxyCa { get; init; }
    /// <summary>The apiserver's client certificate towards aggregated API servers (CN in --requestheader-allowed-names).</summary>
    public required CertificatePair FrontProxyClient { get; init; }
    /// <summary>The in-process metrics server's serving certificate (../Metrics): loopback and the Service name the aggregator checks.</summary>
    public required CertificatePair MetricsServing { get; init; }

    /// <summary>The common name of <see cref="KubeletClient"/>: the only caller a simulated kubelet lets in.</summary>
    public const string KubeletClientName = "kube-apiserver-kubelet-client";

    public string CertPath(CertificatePair pair) => Path.Combine(Dir, pair.Name + ".crt");
    public string KeyPath(CertificatePair pair) => Path.Combine(Dir, pair.Name + ".key");
    public string ServiceAccountKeyPath => Path.Combine(Dir, "service-account.key");

    /// <summary>The first address of the service range: where the `kubernetes` Service points.</summary>
    public const string KubernetesServiceIp = "10.96.0.1";

    /// <summary>The CN of <see cref="FrontProxyClient"/>, the one name --requestheader-allowed-names allows.</summary>
    public const string FrontProxyClientName = "front-proxy-client";

    /// <summary>The name the aggregator expects on the metrics server's certificate: &lt;service&gt;.&lt;namespace&gt;.svc.</summary>
    public const string MetricsServiceDnsName = "metrics-server.kube-system.svc";

    /// <summary>Loads the PKI in <paramref name="dir"/>, creating whatever is missing or about to expire.</summary>
    public static Pki LoadOrCreate(string dir)
    {
        LocalClusterPaths.CreatePrivateDirectory(dir);
        var ca = LoadPair(dir, "ca", TimeSpan.FromDays(30)) ?? Save(dir, CreateCa("k8sps-ca"));
        using var caCert = ca.ToCertificate();

        CertificatePair Leaf(string name, string commonName, string? organization, bool server, bool client, params string[] sans) =>
            LeafOf(caCert, name, commonName, organization, server, client, sans);

        CertificatePair LeafOf(X509Certificate2 issuer, string name, string commonName, string? organization, bool server, bool client, params string[] sans)
        {
            var existing = LoadPair(dir, name, TimeSpan.FromDays(7));
            if (existing is not null && IsSignedBy(existing, issuer)) return existing;
            return Save(dir, CreateLeaf(issuer, name, commonName, organization, server, client, sans));
        }

        // A CA of its own, as kubeadm's front-proxy-ca: a certificate the cluster CA signed must not pass as the front proxy.
        var frontProxyCa = LoadPair(dir, "front-proxy-ca", TimeSpan.FromDays(30)) ?? Save(dir, CreateCa("k8sps-front-proxy-ca", "front-proxy-ca"));
        using var frontProxyCaCert = frontProxyCa.ToCertificate();

        var saKeyPath = Path.Combine(dir, "service-account.key");
        if (!File.Exists(saKeyPath))
        {
            using var saKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            LocalClusterPaths.WritePrivateFile(saKeyPath, saKey.ExportECPrivateKeyPem());
        }

        EncryptionConfig.EnsureIn(dir); // the key that encrypts Secrets at rest lives with the other private keys

        string[] loopback = ["127.0.0.1", "localhost"];
        return new Pki
        {
            Dir = dir,
            Ca = ca,
            ApiServer = Leaf("kube-apiserver", "kube-apiserver", null, server: true, client: false,
                [.. loopback, KubernetesServiceIp, "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"]),
            Etcd = Leaf("etcd", "etcd", null, server: true, client: false, loopback),
            EtcdClient = Leaf("kube-apiserver-etcd-client", "kube-apiserver-etcd-client", null, server: false, client: true),
            Admin = Leaf("admin", "k8sps-admin", "system:masters", server: false, client: true),
            ControllerManager = Leaf("kube-controller-manager", "system:kube-controller-manager", null, server: false, client: true),
            Scheduler = Leaf("kube-scheduler", "system:kube-scheduler", null, server: false, client: true),
            ControllerManagerServing = Leaf("kube-controller-manager-serving", "kube-controller-manager", null, server: true, client: false, loopback),
            SchedulerServing = Leaf("kube-scheduler-serving", "kube-scheduler", null, server: true, client: false, loopback),
            KubeletClient = Leaf("kube-apiserver-kubelet-client", KubeletClientName, "system:masters", server: false, client: true),
            ServiceAccountKeyPem = File.ReadAllText(saKeyPath),
            FrontProxyCa = frontProxyCa,
            FrontProxyClient = LeafOf(frontProxyCaCert, "front-proxy-client", FrontProxyClientName, null, server: false, client: true),
            MetricsServing = Leaf("metrics-server", "metrics-server", null, server: true, client: false, [.. loopback, MetricsServiceDnsName]),
        };
    }

    /// <summary>
    /// A simulated node's kubelet serving certificate, for its IP and name, as a kubelet's own
    /// (CN system:node:&lt;name&gt;, O system:nodes); made once and kept in pki/, made again when the
    /// node's address changed.
    /// </summary>
    public CertificatePair NodeServing(string nodeName, string address)
    {
        var name = "kubelet-serving-" + nodeName;
        using var ca = Ca.ToCertificate();
        var existing = LoadPair(Dir, name, TimeSpan.FromDays(7));
        if (existing is not null && IsSignedBy(existing, ca))
        {
            using var cert = X509Certificate2.CreateFromPem(existing.CertPem);
            if (cert.MatchesHostname(address)) return existing;
        }
        return Save(Dir, CreateLeaf(ca, name, "system:node:" + nodeName, "system:nodes", server: true, client: false, [address, nodeName]));
    }

    /// <summary>True for the API server's kubelet client certificate: chained to the cluster CA, named <see cref="KubeletClientName"/>.</summary>
    public bool IsKubeletClient(X509Certificate2 certificate)
    {
        using var ca = X509Certificate2.CreateFromPem(Ca.CertPem);
        return certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false) == KubeletClientName && Verify(certificate, ca);
    }

    internal static CertificatePair CreateCa(string commonName, string name = "ca")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var cert = request.CreateSelfSigned(now.AddHours(-1), now + CaLifetime);
        return new CertificatePair(name, cert.ExportCertificatePem(), key.ExportECPrivateKeyPem());
    }

    internal static CertificatePair CreateLeaf(X509Certificate2 ca, string name, string commonName, string? organization,
        bool server, bool client, IEnumerable<string> subjectAltNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // Kubernetes maps O to groups and CN to the user name.
        var subject = organization is null ? $"CN={commonName}" : $"CN={commonName}, O={organization}";
        var request = new CertificateRequest(new X500DistinguishedName(subject), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        var usages = new OidCollection();
        if (server) usages.Add(new Oid("1.3.6.1.5.5.7.3.1"));
        if (client) usages.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        var sans = subjectAltNames.ToList();
        if (sans.Count > 0)
        {
            var builder = new SubjectAlternativeNameBuilder();
            foreach (var san in sans)
            {
                if (IPAddress.TryParse(san, out var ip)) builder.AddIpAddress(ip);
                else builder.AddDnsName(san);
            }
            request.CertificateExtensions.Add(builder.Build());
        }
        var now = DateTimeOffset.UtcNow;
        var notAfter = now + LeafLifetime;
        if (notAfter > ca.NotAfter) notAfter = ca.NotAfter;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f; // a positive serial number
        using var cert = request.Create(ca, now.AddHours(-1), notAfter, serial);
        return new CertificatePair(name, cert.ExportCertificatePem(), key.ExportECPrivateKeyPem());
    }

    private static CertificatePair Save(string dir, CertificatePair pair)
    {
        LocalClusterPaths.WritePrivateFile(Path.Combine(dir, pair.Name + ".key"), pair.KeyPem);
        LocalClusterPaths.WritePrivateFile(Path.Combine(dir, pair.Name + ".crt"), pair.CertPem);
        return pair;
    }

    /// <summary>The pair stored under <paramref name="name"/>, or null when missing, unreadable or expiring within <paramref name="margin"/>.</summary>
    private static CertificatePair? LoadPair(string dir, string name, TimeSpan margin)
    {
        var certPath = Path.Combine(dir, name + ".crt");
        var keyPath = Path.Combine(dir, name + ".key");
        if (!File.Exists(certPath) || !File.Exists(keyPath)) return null;
        try
        {
            var pair = new CertificatePair(name, File.ReadAllText(certPath), File.ReadAllText(keyPath));
            using var cert = pair.ToCertificate();
            return cert.NotAfter.ToUniversalTime() - DateTime.UtcNow < margin ? null : pair;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static bool IsSignedBy(CertificatePair pair, X509Certificate2 ca)
    {
        using var cert = X509Certificate2.CreateFromPem(pair.CertPem);
        return cert.IssuerName.RawData.AsSpan().SequenceEqual(ca.SubjectName.RawData) && Verify(cert, ca);
    }

    /// <summary>True when <paramref name="cert"/> chains to <paramref name="ca"/> (and to nothing else).</summary>
    internal static bool Verify(X509Certificate2 cert, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreWrongUsage;
        return chain.Build(cert);
    }
}
