using k8s;

namespace K8sPS.Engine.Connection;

/// <summary>
/// A ready connection to one kubeconfig context, with the namespace the context selects: the typed client and
/// the raw REST client share one HttpClient, hence one <see cref="RequestPipeline"/>. Cheap to get again:
/// it is cached per context (see <see cref="ConnectionFactory"/>).
/// </summary>
public sealed class K8sConnection
{
    internal K8sConnection(string context, string @namespace, string server, Kubernetes client)
    {
        Context = context;
        Namespace = @namespace;
        Server = server;
        Client = client;
        Rest = new KubeRest(client.HttpClient, client.BaseUri);
    }

    /// <summary>The context name.</summary>
    public string Context { get; }

    /// <summary>The context's namespace, or "default".</summary>
    public string Namespace { get; }

    /// <summary>The API server URL (for messages; holds no credentials).</summary>
    public string Server { get; }

    /// <summary>KubernetesClient's typed API.</summary>
    public IKubernetes Client { get; }

    /// <summary>Raw REST for kinds known only through discovery.</summary>
    public KubeRest Rest { get; }

    /// <summary>The namespace to use: <paramref name="requested"/> when given, else the context's.</summary>
    public string ResolveNamespace(string? requested) => string.IsNullOrEmpty(requested) ? Namespace : requested;
}
