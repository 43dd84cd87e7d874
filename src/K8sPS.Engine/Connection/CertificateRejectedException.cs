using System.Security.Authentication;

namespace K8sPS.Engine.Connection;

/// <summary>
/// The server's certificate failed verification; the message says why in kubectl's words ("x509: certificate
/// is valid for localhost, kubernetes, not wrong.example"). An AuthenticationException, so it maps to TlsFailure.
/// </summary>
public sealed class CertificateRejectedException : AuthenticationException
{
    public CertificateRejectedException() : base("x509: the server's certificate was rejected") { }

    public CertificateRejectedException(string message) : base(message) { }

    public CertificateRejectedException(string message, Exception inner) : base(message, inner) { }
}
