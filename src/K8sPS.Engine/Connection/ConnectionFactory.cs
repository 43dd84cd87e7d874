using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Authentication;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Connection;

/// <summary>
/// Builds the one connection of each kubeconfig context and caches it, so calls in a session reuse its TLS
/// connections. A connection is rebuilt when the context's cluster or user entry changes on disk (a restarted
/// local cluster writes new certificates), never for an unrelated edit such as a namespace switch. Everything a
/// request needs from the kubeconfig is decided here, once: server, certificate authority, tls-server-name,
/// insecure-skip-tls-verify, client certificate, token, tokenFile, exec plugin, proxy-url, and
/// <see cref="ConnectionSettings"/>.
/// </summary>
public static class ConnectionFactory
{
    private static readonly ConcurrentDictionary<string, Lazy<Kubernetes>> Clients = new(StringComparer.Ordinal);

    /// <summary>A connection for <paramref name="context"/> (null: the current context) from the kubeconfig kubectl would use.</summary>
    /// <param name="kubeconfigPath">An explicit kubeconfig file instead of KUBECONFIG / ~/.kube/config.</param>
    public static K8sConnection Get(string? context = null, string? kubeconfigPath = null)
        => Get(KubeConfigLoader.Load(kubeconfigPath), context);

    /// <summary>A connection for <paramref name="context"/> of an already-loaded kubeconfig.</summary>
    public static K8sConnection Get(KubeConfigSet config, string? context = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var ctx = config.FindContext(context);
        var info = config.GetContext(ctx.Name);
        var cluster = config.ClusterOf(ctx);
        if (cluster?.ClusterEndpoint?.Server is not { Length: > 0 } server)
            throw new K8sException(new K8sError("InvalidKubeconfig", K8sErrorCategory.InvalidConfiguration,
                $"The context '{ctx.Name}' names cluster '{ctx.ContextDetails?.Cluster}', which is missing or has no server in the kubeconfig.")
            { Kind = "Context", Name = ctx.Name });

        var key = config.ClientKey(ctx) + (ConnectionSettings.Http2 ? "\nhttp2" : "") + "\nretry " + ConnectionSettings.RetryBudget.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var lazy = Clients.GetOrAdd(key, _ => new Lazy<Kubernetes>(() => Build(config, ctx), LazyThreadSafetyMode.ExecutionAndPublication));
        Kubernetes client;
        try
        {
            client = lazy.Value;
        }
        catch
        {
            Clients.TryRemove(key, out _); // a broken entry must not stick: the user may fix the file
            throw;
        }
        return new K8sConnection(ctx.Name, info.EffectiveNamespace, server, client);
    }

    /// <summary>Forgets every cached connection (tests; a user who wants a fresh one; a setting changed).</summary>
    public static void Reset()
    {
        foreach (var entry in Clients.Values)
            if (entry.IsValueCreated) entry.Value.Dispose();
        Clients.Clear();
    }

    private static Kubernetes Build(KubeConfigSet config, Context context)
    {
        try
        {
            var settings = KubernetesClientConfiguration.BuildConfigFromConfigObject(config.Merged, context.Name);
            var host = new Uri(settings.Host).Host;
            var validator = new ServerCertificateValidator(settings.SslCaCerts, string.IsNullOrWhiteSpace(settings.TlsServerName) ? host : settings.TlsServerName, settings.SkipTlsVerify);
            // kubectl: the token file is re-read as it changes and wins over a token given inline.
            if (config.TokenFileOf(context) is { } tokenFile) settings.TokenProvider = new TokenFileAuth(tokenFile);
            var pipeline = new RequestPipeline(RetryPolicy.Default, Kubernetes.CreateCredentials(settings), settings.TlsServerName,
                ConnectionSettings.Http2, ConnectionSettings.RequestTimeout);
            var proxy = config.ProxyUrlOf(context);

            // The pipeline and the validator own these now: KubernetesClient must not apply them a second time
            // on its typed calls, nor install its own certificate check (which ignores the server's name).
            settings.AccessToken = null;
            settings.TokenProvider = null;
            settings.Username = null;
            settings.Password = null;
            settings.TlsServerName = null;
            settings.SslCaCerts = null;
            settings.SkipTlsVerify = false;
            settings.DisableHttp2 = !ConnectionSettings.Http2;
            settings.HttpClientTimeout = Timeout.InfiniteTimeSpan; // the pipeline times each request, streams excepted
            settings.UserAgent = ConnectionSettings.UserAgent;
            settings.FirstMessageHandlerSetup = handler =>
            {
                if (handler is not SocketsHttpHandler sockets) return;
                sockets.ConnectTimeout = ConnectionSettings.ConnectTimeout;
                sockets.SslOptions.RemoteCertificateValidationCallback = validator.Validate;
                if (proxy is not null)
                {
                    sockets.Proxy = new WebProxy(new Uri(proxy));
                    sockets.UseProxy = true;
                }
            };
            return new Kubernetes(settings, pipeline);
        }
        catch (Exception e) when (e is KubeConfigException or UriFormatException or System.Security.Cryptography.CryptographicException or FormatException)
        {
            throw new K8sException(new K8sError("InvalidKubeconfig", K8sErrorCategory.InvalidConfiguration,
                $"The context '{context.Name}' cannot be used: {e.Message}") { Kind = "Context", Name = context.Name }, e);
        }
    }
}
