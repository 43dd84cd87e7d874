// Test helpers for Connection.Tests.ps1, compiled with Add-Type: what stands in front of the test cluster's
// apiserver so a client meets a certificate it must refuse. Everything listens on loopback only.
using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace K8sPSTests
{
    /// <summary>Something listening on a loopback address until disposed.</summary>
    public sealed class LoopbackFront : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        private LoopbackFront(IPAddress address, Func<TcpClient, CancellationToken, Task> serve)
        {
            _listener = new TcpListener(address, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    TcpClient client;
                    try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
                    catch (Exception) { return; }
                    _ = Task.Run(async () => { using (client) { try { await serve(client, _stop.Token); } catch (Exception) { } } });
                }
            });
        }

        public int Port { get; }

        /// <summary>
        /// A plain TCP relay on <paramref name="address"/> to 127.0.0.1:<paramref name="targetPort"/>: a client that
        /// dials this address meets the real apiserver's TLS, under a host name its certificate does not hold.
        /// </summary>
        public static LoopbackFront Relay(string address, int targetPort) => new LoopbackFront(IPAddress.Parse(address), async (client, ct) =>
        {
            using var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, targetPort, ct);
            using var a = client.GetStream();
            using var b = upstream.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, ct), b.CopyToAsync(a, ct));
        });

        /// <summary>A TLS server on 127.0.0.1 that presents <paramref name="certificate"/> (and never answers a request).</summary>
        public static LoopbackFront Tls(X509Certificate2 certificate) => new LoopbackFront(IPAddress.Loopback, async (client, ct) =>
        {
            using var tls = new SslStream(client.GetStream());
            await tls.AuthenticateAsServerAsync(certificate);
            await Task.Delay(Timeout.Infinite, ct);
        });

        /// <summary>A server on 127.0.0.1 that accepts connections and never says a word: a hung apiserver.</summary>
        public static LoopbackFront Silent() => new LoopbackFront(IPAddress.Loopback, (client, ct) => Task.Delay(Timeout.Infinite, ct));

        /// <summary>
        /// A certificate signed by the cluster's CA for the wrong purpose: clientAuth only, yet naming 127.0.0.1 and
        /// localhost, so only its usage can betray it.
        /// </summary>
        public static X509Certificate2 ClientCertificate(string caCertificatePath, string caKeyPath)
        {
            using var ca = X509Certificate2.CreateFromPemFile(caCertificatePath, caKeyPath);
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=not-a-server", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.2") }, false));
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
            using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(8));
            using var withKey = issued.CopyWithPrivateKey(key);
            return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }
}
