using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace K8sPS.Engine.Connection;

/// <summary>
/// Verifies the API server's certificate as kubectl does: it chains to the kubeconfig's certificate authority
/// (or, without one, to the system's roots), it may serve TLS (extended key usage serverAuth, when the
/// certificate restricts its usages), it is valid now, and it names the server: tls-server-name when the
/// kubeconfig sets one, else the host of the server URL (DNS names and IP addresses from the subject
/// alternative names; the common name is ignored, as Go does since 1.15). insecure-skip-tls-verify accepts anything.
/// </summary>
public sealed class ServerCertificateValidator
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private readonly X509Certificate2Collection? _authorities;

    /// <param name="authorities">The kubeconfig's CA certificates; null trusts the system's roots.</param>
    /// <param name="expectedName">tls-server-name, else the server URL's host.</param>
    /// <param name="skipVerify">insecure-skip-tls-verify.</param>
    public ServerCertificateValidator(X509Certificate2Collection? authorities, string expectedName, bool skipVerify)
    {
        _authorities = authorities is { Count: > 0 } ? authorities : null;
        ExpectedName = expectedName;
        SkipVerify = skipVerify;
    }

    public string ExpectedName { get; }
    public bool SkipVerify { get; }

    /// <summary>The TLS callback: true, or a <see cref="CertificateRejectedException"/> saying why not.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (SkipVerify) return true;
        if (certificate is null) throw new CertificateRejectedException("x509: the server sent no certificate");
        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var problem = Check(leaf, chain, DateTime.Now);
        return problem is null ? true : throw new CertificateRejectedException(problem);
    }

    /// <summary>Null when <paramref name="leaf"/> is acceptable at <paramref name="now"/>, else kubectl's reason.</summary>
    public string? Check(X509Certificate2 leaf, X509Chain? presented = null, DateTime? now = null)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // kubectl checks no revocation either
        chain.ChainPolicy.VerificationTime = now ?? DateTime.Now;
        chain.ChainPolicy.ApplicationPolicy.Add(ServerAuth);
        if (presented is not null)
            foreach (var element in presented.ChainElements)
                if (!element.Certificate.RawData.AsSpan().SequenceEqual(leaf.RawData)) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        if (_authorities is not null)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        }
        if (!chain.Build(leaf)) return ChainProblem(chain, leaf, chain.ChainPolicy.VerificationTime);
        return NameProblem(leaf, ExpectedName);
    }

    private static string ChainProblem(X509Chain chain, X509Certificate2 leaf, DateTime now)
    {
        var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        if ((flags & (X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested)) != 0)
            return now.ToUniversalTime() > leaf.NotAfter.ToUniversalTime()
                ? $"x509: certificate has expired or is not yet valid: current time {now.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ} is after {leaf.NotAfter.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}"
                : $"x509: certificate has expired or is not yet valid: current time {now.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ} is before {leaf.NotBefore.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}";
        if ((flags & X509ChainStatusFlags.NotValidForUsage) != 0)
            return "x509: certificate specifies an incompatible key usage (it is not a server certificate)";
        if ((flags & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0)
            return "x509: certificate signed by unknown authority";
        return "x509: " + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).DefaultIfEmpty(flags.ToString()));
    }

    /// <summary>Null when the certificate names <paramref name="host"/>; else Go's HostnameError text.</summary>
    internal static string? NameProblem(X509Certificate2 leaf, string host)
    {
        if (leaf.MatchesHostname(host, allowWildcards: true, allowCommonName: false)) return null;
        var san = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (IPAddress.TryParse(host.Trim('[', ']'), out _))
        {
            var ips = san?.EnumerateIPAddresses().Select(ip => ip.ToString()).ToList() ?? [];
            return ips.Count == 0
                ? $"x509: cannot validate certificate for {host} because it doesn't contain any IP SANs"
                : $"x509: certificate is valid for {string.Join(", ", ips)}, not {host}";
        }
        var names = san?.EnumerateDnsNames().ToList() ?? [];
        return names.Count == 0
            ? $"x509: certificate is not valid for any names, but wanted to match {host}"
            : $"x509: certificate is valid for {string.Join(", ", names)}, not {host}";
    }
}
