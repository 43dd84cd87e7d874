using System.Net.Security;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Tests.Connection;

/// <summary>The API server's certificate is checked as kubectl checks it: chain, usage, validity and name.</summary>
public sealed class ServerCertificateValidatorTests : IDisposable
{
    private readonly TestCertificates _ca = new();

    private ServerCertificateValidator For(string name, bool skip = false) => new(_ca.Trust(), name, skip);

    [Fact]
    public void A_certificate_of_the_CA_for_the_server_name_is_accepted()
    {
        using var cert = _ca.Server("localhost", "kubernetes", "127.0.0.1");
        Assert.Null(For("kubernetes").Check(cert));
        Assert.Null(For("127.0.0.1").Check(cert));
    }

    [Fact]
    public void A_name_the_certificate_lacks_is_refused_with_the_names_it_has_as_kubectl_says()
    {
        using var cert = _ca.Server("localhost", "kubernetes", "kubernetes.default", "127.0.0.1", "10.96.0.1");
        Assert.Equal("x509: certificate is valid for localhost, kubernetes, kubernetes.default, not wrong.example", For("wrong.example").Check(cert));
        Assert.Equal("x509: certificate is valid for 127.0.0.1, 10.96.0.1, not 127.0.0.2", For("127.0.0.2").Check(cert));
    }

    [Fact]
    public void A_client_certificate_of_the_same_CA_cannot_stand_in_for_the_server()
    {
        using var cert = _ca.Client("localhost", "127.0.0.1");
        Assert.StartsWith("x509: certificate specifies an incompatible key usage", For("127.0.0.1").Check(cert), StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_of_another_CA_is_signed_by_an_unknown_authority()
    {
        using var other = new TestCertificates("other-ca");
        using var cert = other.Server("localhost");
        Assert.Equal("x509: certificate signed by unknown authority", For("localhost").Check(cert));
    }

    [Fact]
    public void An_expired_certificate_is_refused()
    {
        using var cert = _ca.Expired("localhost");
        Assert.StartsWith("x509: certificate has expired or is not yet valid: current time ", For("localhost").Check(cert), StringComparison.Ordinal);
    }

    [Fact]
    public void Insecure_skip_tls_verify_accepts_anything()
    {
        using var other = new TestCertificates("other-ca");
        using var cert = other.Client("elsewhere");
        Assert.True(For("localhost", skip: true).Validate(this, cert, null, SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    [Fact]
    public async Task Over_a_real_TLS_connection_the_refusal_is_a_TlsFailure_that_says_why()
    {
        using var cert = _ca.Server("localhost", "kubernetes", "127.0.0.1");
        await using var server = new LoopbackHttpServer((_, _) => new Reply(200), cert);
        var validator = For("wrong.example");
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = validator.Validate;
        using var client = new HttpClient(new RequestPipeline(RetryPolicy.None, null, "wrong.example", false, TimeSpan.FromSeconds(10)) { InnerHandler = handler });
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(server.Url));
        var error = ErrorMapper.Map(e, server: server.Url.ToString().TrimEnd('/'));
        Assert.Equal("TlsFailure", error.ErrorId);
        Assert.Equal(K8sErrorCategory.TlsFailure, error.Category);
        Assert.Equal($"The TLS connection to {server.Url.ToString().TrimEnd('/')} failed: x509: certificate is valid for localhost, kubernetes, not wrong.example", error.Message);
        Assert.True(error.IsConnectionFailure);

        // The same server through its right name works, on the same kind of pipeline.
        using var handler2 = new SocketsHttpHandler();
        handler2.SslOptions.RemoteCertificateValidationCallback = For("kubernetes").Validate;
        using var good = new HttpClient(new RequestPipeline(RetryPolicy.None, null, "kubernetes", false, TimeSpan.FromSeconds(10)) { InnerHandler = handler2 });
        using var response = await good.GetAsync(server.Url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    public void Dispose() => _ca.Dispose();
}
