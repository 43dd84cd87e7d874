using k8s.KubeConfigModels;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Connection;

/// <summary>The merged view of one or more kubeconfig files, with where each context came from.</summary>
public sealed class KubeConfigSet
{
    private readonly IReadOnlyDictionary<string, string> _contextSource;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _clientKeys = new(StringComparer.Ordinal);

    private readonly IReadOnlyDictionary<string, string> _tokenFiles;
    private readonly IReadOnlyDictionary<string, string> _proxyUrls;

    internal KubeConfigSet(IReadOnlyList<string> files, K8SConfiguration merged, IReadOnlyDictionary<string, string> contextSource, string? currentContextSource,
        IReadOnlyDictionary<string, string>? tokenFiles = null, IReadOnlyDictionary<string, string>? proxyUrls = null)
    {
        Files = files;
        Merged = merged;
        _contextSource = contextSource;
        CurrentContextSource = currentContextSource;
        _tokenFiles = tokenFiles ?? new Dictionary<string, string>();
        _proxyUrls = proxyUrls ?? new Dictionary<string, string>();
    }

    /// <summary>The files that exist and were read, in precedence order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The merged configuration (contains credentials: never print it).</summary>
    public K8SConfiguration Merged { get; }

    public string? CurrentContext => Merged.CurrentContext;

    /// <summary>The file whose current-context is in effect, if any.</summary>
    public string? CurrentContextSource { get; }

    /// <summary>The file that defines <paramref name="context"/> (where kubectl writes changes to it).</summary>
    public string? SourceOf(string context) => _contextSource.TryGetValue(context, out var f) ? f : null;

    /// <summary>The file kubectl writes a new current-context to: the first listed file that exists.</summary>
    public string CurrentContextTarget => Files[0];

    public IEnumerable<KubeContextInfo> Contexts => (Merged.Contexts ?? []).Select(Describe);

    /// <summary>The named context, or the current one; a clear error when it does not exist.</summary>
    public KubeContextInfo GetContext(string? name = null) => Describe(FindContext(name));

    internal Context FindContext(string? name)
    {
        var wanted = string.IsNullOrEmpty(name) ? CurrentContext : name;
        if (string.IsNullOrEmpty(wanted))
            throw new K8sException(new K8sError("NoCurrentContext", K8sErrorCategory.InvalidConfiguration,
                $"The kubeconfig ({string.Join(", ", Files)}) sets no current-context; name one with -Context.")
            {
                RecommendedAction = "Use-K8sContext <name> sets the current context; Get-K8sContext lists them.",
            });
        var found = Merged.Contexts?.FirstOrDefault(c => c.Name == wanted);
        if (found is null)
        {
            var known = (Merged.Contexts ?? []).Select(c => c.Name).ToList();
            throw new K8sException(new K8sError("ContextNotFound", K8sErrorCategory.NotFound,
                $"The context '{wanted}' is not in the kubeconfig ({string.Join(", ", Files)}). Known contexts: {(known.Count == 0 ? "none" : string.Join(", ", known))}.")
            {
                Kind = "Context",
                Name = wanted,
                RecommendedAction = "Get-K8sContext lists the contexts.",
            });
        }
        return found;
    }

    /// <summary>The client cache key of a context: its files, name, and a digest of its cluster and user entries.</summary>
    internal string ClientKey(Context context) => _clientKeys.GetOrAdd(context.Name, _ =>
        string.Join('\n', Files) + "\n" + context.Name + "\n" + KubeConfigLoader.Fingerprint(ClusterOf(context), UserOf(context), TokenFileOf(context), ProxyUrlOf(context)));

    /// <summary>The user's tokenFile (kubectl re-reads it as it changes), or null.</summary>
    internal string? TokenFileOf(Context context) => context.ContextDetails?.User is { } u && _tokenFiles.TryGetValue(u, out var f) ? f : null;

    /// <summary>The cluster's proxy-url, or null.</summary>
    internal string? ProxyUrlOf(Context context) => context.ContextDetails?.Cluster is { } c && _proxyUrls.TryGetValue(c, out var p) ? p : null;

    internal Cluster? ClusterOf(Context context) => Merged.Clusters?.FirstOrDefault(c => c.Name == context.ContextDetails?.Cluster);

    internal User? UserOf(Context context) => Merged.Users?.FirstOrDefault(u => u.Name == context.ContextDetails?.User);

    private KubeContextInfo Describe(Context context)
    {
        var details = context.ContextDetails;
        return new KubeContextInfo(
            context.Name,
            details?.Cluster,
            details?.User,
            string.IsNullOrEmpty(details?.Namespace) ? null : details.Namespace,
            ClusterOf(context)?.ClusterEndpoint?.Server,
            AuthMethodOf(UserOf(context)?.UserCredentials),
            context.Name == CurrentContext,
            SourceOf(context.Name) ?? Files[0]);
    }

    private static string AuthMethodOf(UserCredentials? c) => c switch
    {
        null => "None",
        { ExternalExecution: not null } => "Exec",
        { AuthProvider: not null } => "AuthProvider",
        _ when !string.IsNullOrEmpty(c.ClientCertificateData) || !string.IsNullOrEmpty(c.ClientCertificate) => "ClientCertificate",
        _ when !string.IsNullOrEmpty(c.Token) => "Token",
        _ when !string.IsNullOrEmpty(c.UserName) => "Basic",
        _ => "None",
    };
}
