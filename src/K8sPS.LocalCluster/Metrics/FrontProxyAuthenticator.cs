using System.Security.Cryptography.X509Certificates;
using K8sPS.LocalCluster.Supervisor;

namespace K8sPS.LocalCluster.Metrics;

/// <summary>
/// Request-header authentication, as every aggregated API server does it: a request counts as the
/// apiserver's only when its TLS client certificate chains to the requestheader CA and its CN is an
/// allowed name; then (and only then) X-Remote-User, X-Remote-Group and X-Remote-Extra-* name the user.
/// </summary>
internal sealed class FrontProxyAuthenticator
{
    public const string UserHeader = "X-Remote-User";
    public const string GroupHeader = "X-Remote-Group";
    public const string ExtraHeaderPrefix = "X-Remote-Extra-";

    private readonly X509Certificate2 _requestHeaderCa;
    private readonly IReadOnlySet<string> _allowedNames;

    public FrontProxyAuthenticator(X509Certificate2 requestHeaderCa, IReadOnlySet<string> allowedNames)
    {
        _requestHeaderCa = requestHeaderCa;
        _allowedNames = allowedNames;
    }

    /// <summary>True when <paramref name="clientCertificate"/> is the front proxy's.</summary>
    public bool IsFrontProxy(X509Certificate2? clientCertificate)
    {
        if (clientCertificate is null) return false;
        var now = DateTime.Now;
        if (now < clientCertificate.NotBefore || now > clientCertificate.NotAfter) return false;
        if (!Pki.Verify(clientCertificate, _requestHeaderCa)) return false;
        return _allowedNames.Count == 0 || _allowedNames.Contains(clientCertificate.GetNameInfo(X509NameType.SimpleName, false));
    }

    /// <summary>The user the headers name; null when there is no user header (the request is then unauthenticated).</summary>
    public static RemoteUser? UserFrom(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var name = headers.FirstOrDefault(h => string.Equals(h.Key, UserHeader, StringComparison.OrdinalIgnoreCase)).Value;
        if (string.IsNullOrEmpty(name)) return null;
        var groups = headers.Where(h => string.Equals(h.Key, GroupHeader, StringComparison.OrdinalIgnoreCase))
            .Select(h => h.Value).Where(v => v.Length > 0).ToList();
        var extra = headers.Where(h => h.Key.StartsWith(ExtraHeaderPrefix, StringComparison.OrdinalIgnoreCase) && h.Key.Length > ExtraHeaderPrefix.Length)
            .GroupBy(h => Uri.UnescapeDataString(h.Key[ExtraHeaderPrefix.Length..]).ToLowerInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(h => h.Value).ToList(), StringComparer.Ordinal);
        return new RemoteUser(name, groups, extra);
    }
}
