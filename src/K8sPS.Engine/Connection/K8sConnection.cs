using k8s;

namespace K8sPS.Engine.Connection;

/// <summary>
/// A ready client for one kubeconfig context, with the namespace the context selects. Cheap to get
/// again: the client underneath is cached per context (see <see cref="ConnectionFactory"/>).
/// </summary>
public sealed class K8sConnection
{
    internal K8sConnection(string context, string @namespace, string server, IKubernetes client)
    {
        Context = context;
        Namespace = @namespace;
        Server = server;
        Client = client;
    }

    /// <summary>The context name.</summary>
    public string Context { get; }

    /// <summary>The context's namespace, or "default".</summary>
    public string Namespace { get; }

    /// <summary>The API server URL (for messages; holds no credentials).</summary>
    public string Server { get; }

    public IKubernetes Client { get; }

    /// <summary>The namespace to use: <paramref name="requested"/> when given, else the context's.</summary>
    public string ResolveNamespace(string? requested) => string.IsNullOrEmpty(requested) ? Namespace : requested;
}
