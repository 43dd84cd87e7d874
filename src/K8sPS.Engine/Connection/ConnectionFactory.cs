using System.Collections.Concurrent;
using k8s;
using k8s.Exceptions;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Connection;

/// <summary>
/// Hands out one cached client per kubeconfig context, so calls in a session reuse the TLS connection.
/// A client is rebuilt when the context's cluster or user entry changes on disk (a restarted local
/// cluster writes new certificates), never for an unrelated edit such as a namespace switch.
/// </summary>
public static class ConnectionFactory
{
    private static readonly ConcurrentDictionary<string, Lazy<Kubernetes>> Clients = new(StringComparer.Ordinal);

    /// <summary>How long to wait for a TCP connection to the API server.</summary>
    public static TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

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

        var key = config.ClientKey(ctx);
        var lazy = Clients.GetOrAdd(key, _ => new Lazy<Kubernetes>(() => Build(config, ctx.Name), LazyThreadSafetyMode.ExecutionAndPublication));
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

    /// <summary>Forgets every cached client (tests; a user who wants a fresh connection).</summary>
    public static void Reset()
    {
        foreach (var entry in Clients.Values)
            if (entry.IsValueCreated) entry.Value.Dispose();
        Clients.Clear();
    }

    private static Kubernetes Build(KubeConfigSet config, string context)
    {
        try
        {
            var settings = KubernetesClientConfiguration.BuildConfigFromConfigObject(config.Merged, context);
            settings.UserAgent = "K8sPS";
            // HTTP/1.1 with a connection pool: over HTTP/2 the client stalled from 16 requests in flight
            // (measured, see DESIGN.md), and one call is no slower this way.
            settings.DisableHttp2 = true;
            // A server that never answers the TCP handshake fails after 30 s, as kubectl's dialer does,
            // not after the operating system's minutes of retries.
            settings.FirstMessageHandlerSetup = handler =>
            {
                if (handler is SocketsHttpHandler sockets) sockets.ConnectTimeout = ConnectTimeout;
            };
            return new Kubernetes(settings);
        }
        catch (KubeConfigException e)
        {
            throw new K8sException(new K8sError("InvalidKubeconfig", K8sErrorCategory.InvalidConfiguration,
                $"The context '{context}' cannot be used: {e.Message}") { Kind = "Context", Name = context }, e);
        }
    }
}
