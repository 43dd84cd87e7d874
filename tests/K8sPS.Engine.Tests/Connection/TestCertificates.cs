using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace K8sPS.Engine.Tests.Connection;

/// <summary>A certificate authority made for a test, and certificates it signs for servers and clients.</summary>
internal sealed class TestCertificates : IDisposable
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestCertificates(string name = "test-ca")
    {
        var request = new CertificateRequest($"CN={name}", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-60), DateTimeOffset.UtcNow.AddYears(1));
    }

    public X509Certificate2 Authority { get; }

    /// <summary>A server certificate for <paramref name="names"/> (DNS names and IP addresses), with its key.</summary>
    public X509Certificate2 Server(params string[] names) => Issue(ServerAuth, names, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

    /// <summary>A client certificate (usage clientAuth only) that also names <paramref name="names"/>.</summary>
    public X509Certificate2 Client(params string[] names) => Issue(ClientAuth, names, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

    public X509Certificate2 Expired(params string[] names) => Issue(ServerAuth, names, DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));

    private X509Certificate2 Issue(Oid usage, string[] names, DateTimeOffset from, DateTimeOffset until)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={names.FirstOrDefault() ?? "none"}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var san = new SubjectAlternativeNameBuilder();
        foreach (var n in names)
            if (IPAddress.TryParse(n, out var ip)) san.AddIpAddress(ip); else san.AddDnsName(n);
        if (names.Length > 0) request.CertificateExtensions.Add(san.Build());
        using var issued = request.Create(Authority, from, until, RandomNumberGenerator.GetBytes(8));
        using var withKey = issued.CopyWithPrivateKey(key);
        // Exported and read back so the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public X509Certificate2Collection Trust() => [X509CertificateLoader.LoadCertificate(Authority.RawData)];

    public void Dispose()
    {
        Authority.Dispose();
        _caKey.Dispose();
    }
}
