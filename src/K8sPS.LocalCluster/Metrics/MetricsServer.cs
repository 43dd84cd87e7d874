using System.Security.Cryptography.X509Certificates;
using k8s;
using K8sPS.Engine.LocalCluster;
using K8sPS.LocalCluster.Supervisor;

namespace K8sPS.LocalCluster.Metrics;

/// <summary>
/// metrics.k8s.io for the local cluster, in the supervisor's process: simulated usage of the simulated
/// pods and nodes (<see cref="SimulatedUsage"/>), served over HTTPS on 127.0.0.1 (<see cref="LoopbackHttpsServer"/>)
/// to the apiserver's aggregator only (<see cref="FrontProxyAuthenticator"/>), registered as
/// v1beta1.metrics.k8s.io (<see cref="MetricsRegistration"/>). kubectl top and the HPA controller read it
/// through the apiserver, as they read a real metrics-server.
/// </summary>
internal sealed class MetricsServer
{
    private readonly IKubernetes _client;
    private readonly string _clusterName;
    private readonly string _pkiDir;
    private readonly Action<string>? _log;
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MetricsServer(IKubernetes client, string clusterName, string clusterDir, Action<string>? log)
    {
        _client = client;
        _clusterName = clusterName;
        _pkiDir = LocalClusterPaths.PkiDir(clusterDir);
        _log = log;
    }

    /// <summary>The port, once the server listens and the APIService points at it.</summary>
    public Task<int> Listening => _listening.Task;

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            // The supervisor created every file before the apiserver started; this only reads them.
            var pki = Pki.LoadOrCreate(_pkiDir);
            using var serving = LoadServing(pki.MetricsServing);
            using var requestHeaderCa = X509Certificate2.CreateFromPem(pki.FrontProxyCa.CertPem);
            var authenticator = new FrontProxyAuthenticator(requestHeaderCa, new HashSet<string>(StringComparer.Ordinal) { Pki.FrontProxyClientName });
            var source = new ClusterMetricsSource(_client, _clusterName, _log);
            var api = new MetricsApi(source, new SubjectAccessReviewer(_client), log: _log);
            using var server = new LoopbackHttpsServer(serving, requestHeaderCa, authenticator, api.HandleAsync, _log);

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var watching = source.RunAsync(stop.Token);
            await Task.WhenAny(source.Synced, watching).ConfigureAwait(false);
            server.Start();
            var accepting = server.RunAsync(stop.Token);
            try
            {
                await MetricsRegistration.EnsureAsync(_client, server.Port, pki.Ca.CertBytes, ct).ConfigureAwait(false);
                _log?.Invoke($"metrics API served on https://{MetricsRegistration.LoopbackAddress}:{MetricsRegistration.PortText(server.Port)} as {MetricsRegistration.ApiServiceName}");
                _listening.TrySetResult(server.Port);
                var registered = KeepRegisteredAsync(server.Port, pki.Ca.CertBytes, stop.Token);
                await Task.WhenAny(watching, accepting, registered).ConfigureAwait(false);
                await stop.CancelAsync().ConfigureAwait(false);
                await registered.ConfigureAwait(false);
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(watching, accepting).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _listening.TrySetCanceled(ct);
        }
        catch (Exception e)
        {
            _listening.TrySetException(e);
            throw;
        }
    }

    /// <summary>Puts the registration back every <see cref="RecheckEvery"/> if someone deleted or changed it (as a metrics-server re-deploy would).</summary>
    private async Task KeepRegisteredAsync(int port, byte[] caBundle, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RecheckEvery, ct).ConfigureAwait(false);
                await MetricsRegistration.EnsureAsync(_client, port, caBundle, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException or IOException)
            {
                _log?.Invoke($"metrics: could not check the APIService registration: {e.Message}");
            }
        }
    }

    public static readonly TimeSpan RecheckEvery = TimeSpan.FromSeconds(30);

    // Through PKCS#12: a PEM-loaded key is ephemeral, which SslStream cannot serve with on every platform.
    private static X509Certificate2 LoadServing(CertificatePair pair)
    {
        using var ephemeral = pair.ToCertificate();
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }
}
