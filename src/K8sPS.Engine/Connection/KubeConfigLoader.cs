using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.KubeConfigModels;
using K8sPS.Engine.Errors;
using YamlDotNet.RepresentationModel;

namespace K8sPS.Engine.Connection;

/// <summary>
/// Reads kubeconfig the way kubectl does: the files named by KUBECONFIG (path-separator list, missing
/// files skipped) or else ~/.kube/config; merged so the first file to define a cluster, user or context
/// name wins, and the first non-empty current-context wins. Relative file references are resolved
/// against the file that holds them, before merging.
/// </summary>
public static class KubeConfigLoader
{
    // Parsed files keyed by path; re-read only when size or write time changes, so a warm cmdlet call costs no YAML parsing.
    private static readonly ConcurrentDictionary<string, (DateTime Written, long Length, KubeconfigFile File)> Parsed = new();

    /// <summary>The files kubectl would read: <paramref name="explicitPath"/>, else KUBECONFIG, else ~/.kube/config.</summary>
    public static IReadOnlyList<string> SearchPaths(string? explicitPath = null, string? kubeconfigVariable = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath)) return [Path.GetFullPath(explicitPath)];
        var env = kubeconfigVariable ?? Environment.GetEnvironmentVariable("KUBECONFIG");
        if (!string.IsNullOrWhiteSpace(env))
        {
            var list = env.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => Path.GetFullPath(ExpandHome(p)))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (list.Count > 0) return list;
        }
        return [Path.Combine(Home(), ".kube", "config")];
    }

    /// <summary>Loads and merges the kubeconfig files kubectl would use.</summary>
    public static KubeConfigSet Load(string? explicitPath = null) => Load(SearchPaths(explicitPath), explicitPath is not null);

    // The last merge, reused while no file in the list changed: a warm cmdlet call re-merges nothing.
    private static (string Key, KubeConfigSet Set)? _lastMerge;

    /// <summary>Loads and merges <paramref name="paths"/> in order. Missing files are skipped unless <paramref name="mustExist"/>.</summary>
    public static KubeConfigSet Load(IReadOnlyList<string> paths, bool mustExist = false)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var key = (mustExist ? "!" : "") + StatKey(paths);
        if (_lastMerge is { } last && last.Key == key) return last.Set;
        var set = LoadUncached(paths, mustExist);
        _lastMerge = (key, set);
        return set;
    }

    /// <summary>Path, size and write time of each file (or "missing"): changes whenever a merge could.</summary>
    private static string StatKey(IReadOnlyList<string> paths)
    {
        var key = new StringBuilder();
        foreach (var path in paths)
        {
            var info = new FileInfo(path);
            key.Append(path).Append('|');
            if (info.Exists) key.Append(info.Length).Append('|').Append(info.LastWriteTimeUtc.Ticks);
            else key.Append("missing");
            key.Append('\n');
        }
        return key.ToString();
    }

    private static KubeConfigSet LoadUncached(IReadOnlyList<string> paths, bool mustExist)
    {
        var files = new List<KubeconfigFile>();
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                if (mustExist) throw NoConfig($"The kubeconfig file '{path}' does not exist.");
                continue;
            }
            files.Add(ReadFile(path));
        }
        if (files.Count == 0)
            throw NoConfig($"No kubeconfig found (looked for {string.Join(", ", paths.Select(p => $"'{p}'"))}).");
        return Merge(files);
    }

    /// <summary>Merges already-parsed files with kubectl's rules (first definition of a name wins).</summary>
    internal static KubeConfigSet Merge(IReadOnlyList<KubeconfigFile> files)
    {
        var clusters = new Dictionary<string, Cluster>(StringComparer.Ordinal);
        var users = new Dictionary<string, User>(StringComparer.Ordinal);
        var contexts = new Dictionary<string, Context>(StringComparer.Ordinal);
        var contextSource = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null, currentSource = null;
        var tokenFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        var proxyUrls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, config, fileTokens, fileProxies) in files)
        {
            foreach (var c in config.Clusters ?? [])
                if (c.Name is not null && clusters.TryAdd(c.Name, c) && fileProxies.TryGetValue(c.Name, out var proxy)) proxyUrls[c.Name] = proxy;
            foreach (var u in config.Users ?? [])
                if (u.Name is not null && users.TryAdd(u.Name, u) && fileTokens.TryGetValue(u.Name, out var tokenFile)) tokenFiles[u.Name] = tokenFile;
            foreach (var c in config.Contexts ?? [])
                if (c.Name is not null && contexts.TryAdd(c.Name, c)) contextSource[c.Name] = path;
            if (current is null && !string.IsNullOrEmpty(config.CurrentContext))
            {
                current = config.CurrentContext;
                currentSource = path;
            }
        }
        var merged = new K8SConfiguration
        {
            ApiVersion = "v1",
            Kind = "Config",
            CurrentContext = current,
            Clusters = clusters.Values.ToList(),
            Users = users.Values.ToList(),
            Contexts = contexts.Values.ToList(),
        };
        return new KubeConfigSet(files.Select(f => f.Path).ToList(), merged, contextSource, currentSource, tokenFiles, proxyUrls);
    }

    /// <summary>Parses one file, resolving its relative paths; cached by write time and size.</summary>
    internal static KubeconfigFile ReadFile(string path)
    {
        var info = new FileInfo(path);
        if (Parsed.TryGetValue(path, out var hit) && hit.Written == info.LastWriteTimeUtc && hit.Length == info.Length)
            return hit.File;
        var text = File.ReadAllText(path);
        var file = Parse(text, path);
        Parsed[path] = (info.LastWriteTimeUtc, info.Length, file);
        return file;
    }

    /// <summary>Parses kubeconfig text; <paramref name="path"/> anchors relative file references and names the file in errors.</summary>
    internal static KubeconfigFile Parse(string text, string path)
    {
        K8SConfiguration config;
        if (string.IsNullOrWhiteSpace(text))
        {
            config = new K8SConfiguration(); // kubectl treats an empty file as an empty config
        }
        else
        {
            try
            {
                config = KubernetesYaml.Deserialize<K8SConfiguration>(text) ?? new K8SConfiguration();
            }
            catch (Exception e) when (e is YamlDotNet.Core.YamlException or FormatException or InvalidOperationException)
            {
                // The parser's message names line and column; it cannot contain values of other keys.
                throw new K8sException(new K8sError("InvalidKubeconfig", K8sErrorCategory.InvalidConfiguration,
                    $"The kubeconfig file '{path}' is not valid: {e.Message}"), e);
            }
        }
        var dir = Path.GetDirectoryName(path) ?? ".";
        foreach (var c in config.Clusters ?? [])
            if (c.ClusterEndpoint is { } e) e.CertificateAuthority = Resolve(dir, e.CertificateAuthority);
        foreach (var u in config.Users ?? [])
        {
            if (u.UserCredentials is not { } cred) continue;
            cred.ClientCertificate = Resolve(dir, cred.ClientCertificate);
            cred.ClientKey = Resolve(dir, cred.ClientKey);
            // kubectl resolves an exec command relative to the kubeconfig only when it names a path (has a separator).
            if (cred.ExternalExecution is { Command: { } cmd } exec && cmd.Contains('/') && !Path.IsPathRooted(cmd))
                exec.Command = Path.GetFullPath(Path.Combine(dir, cmd));
        }
        config.FileName = path;
        var (tokenFiles, proxyUrls) = FieldsTheModelLacks(text, dir);
        return new KubeconfigFile(path, config, tokenFiles, proxyUrls);
    }

    /// <summary>
    /// users[].user.tokenFile and clusters[].cluster.proxy-url, which kubectl honours and KubernetesClient's model
    /// does not read, by entry name (tokenFile resolved against the file's folder).
    /// </summary>
    private static (Dictionary<string, string> TokenFiles, Dictionary<string, string> ProxyUrls) FieldsTheModelLacks(string text, string dir)
    {
        var tokenFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        var proxyUrls = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!text.Contains("tokenFile", StringComparison.Ordinal) && !text.Contains("proxy-url", StringComparison.Ordinal)) return (tokenFiles, proxyUrls);
        var stream = new YamlStream();
        stream.Load(new StringReader(text)); // the model read it already: it is valid YAML
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root) return (tokenFiles, proxyUrls);
        foreach (var (name, value) in Entries(root, "users", "user", "tokenFile"))
            tokenFiles[name] = Resolve(dir, value)!;
        foreach (var (name, value) in Entries(root, "clusters", "cluster", "proxy-url"))
            proxyUrls[name] = value;
        return (tokenFiles, proxyUrls);

        static IEnumerable<(string Name, string Value)> Entries(YamlMappingNode root, string list, string inner, string key)
        {
            if (!root.Children.TryGetValue(new YamlScalarNode(list), out var items) || items is not YamlSequenceNode seq) yield break;
            foreach (var item in seq.OfType<YamlMappingNode>())
                if (item.Children.TryGetValue(new YamlScalarNode("name"), out var n) && n is YamlScalarNode { Value: { Length: > 0 } name }
                    && item.Children.TryGetValue(new YamlScalarNode(inner), out var body) && body is YamlMappingNode details
                    && details.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode { Value: { Length: > 0 } value })
                    yield return (name, value);
        }
    }

    private static string? Resolve(string dir, string? file)
        => string.IsNullOrEmpty(file) || Path.IsPathRooted(file) ? file : Path.GetFullPath(Path.Combine(dir, ExpandHome(file)));

    private static string ExpandHome(string path)
        => path == "~" || path.StartsWith("~/", StringComparison.Ordinal) ? Home() + path[1..] : path;

    private static string Home()
    {
        var home = Environment.GetEnvironmentVariable("HOME");
        return string.IsNullOrEmpty(home) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : home;
    }

    private static K8sException NoConfig(string message) => new(new K8sError("KubeconfigNotFound", K8sErrorCategory.InvalidConfiguration, message)
    {
        RecommendedAction = "Set KUBECONFIG to a kubeconfig file, or start a local cluster with Start-K8sLocalCluster.",
    });

    /// <summary>A digest of what a client for <paramref name="context"/> is built from; changes when the file's cluster or user entry does.</summary>
    internal static string Fingerprint(Cluster? cluster, User? user, string? tokenFile, string? proxyUrl)
    {
        var json = JsonSerializer.Serialize(new object?[] { cluster?.ClusterEndpoint, user?.UserCredentials, tokenFile, proxyUrl });
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }
}

/// <summary>One parsed kubeconfig file: the model, and what the model lacks (tokenFile, proxy-url) by entry name.</summary>
internal sealed record KubeconfigFile(string Path, K8SConfiguration Config, IReadOnlyDictionary<string, string> TokenFiles, IReadOnlyDictionary<string, string> ProxyUrls);
