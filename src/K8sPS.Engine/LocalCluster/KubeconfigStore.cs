using k8s;
using k8s.KubeConfigModels;

namespace K8sPS.Engine.LocalCluster;

/// <summary>
/// Adds and removes one cluster's entries (cluster, user and context, all named after it) in a
/// kubeconfig file, leaving every other entry as it was. The file is written owner-only.
/// </summary>
public static class KubeconfigStore
{
    /// <summary>Replaces the entries named <paramref name="name"/> and makes that context current, as minikube does.</summary>
    public static void Merge(string path, string name, string server, byte[] caPem, byte[] clientCertPem, byte[] clientKeyPem)
    {
        using var fileLock = Lock(path);
        var config = Load(path);
        config.Clusters = Without(config.Clusters, c => c.Name, name).Append(new Cluster
        {
            Name = name,
            ClusterEndpoint = new ClusterEndpoint { Server = server, CertificateAuthorityData = Convert.ToBase64String(caPem) },
        }).ToList();
        config.Users = Without(config.Users, u => u.Name, name).Append(new User
        {
            Name = name,
            UserCredentials = new UserCredentials
            {
                ClientCertificateData = Convert.ToBase64String(clientCertPem),
                ClientKeyData = Convert.ToBase64String(clientKeyPem),
            },
        }).ToList();
        config.Contexts = Without(config.Contexts, c => c.Name, name).Append(new Context
        {
            Name = name,
            ContextDetails = new ContextDetails { Cluster = name, User = name },
        }).ToList();
        config.CurrentContext = name;
        Save(path, config);
    }

    /// <summary>Removes the entries named <paramref name="name"/>; true when the file held any.</summary>
    public static bool Remove(string path, string name)
    {
        if (!File.Exists(path)) return false;
        using var fileLock = Lock(path);
        var config = Load(path);
        var before = Count(config);
        config.Clusters = Without(config.Clusters, c => c.Name, name).ToList();
        config.Users = Without(config.Users, u => u.Name, name).ToList();
        config.Contexts = Without(config.Contexts, c => c.Name, name).ToList();
        if (config.CurrentContext == name) config.CurrentContext = "";
        if (Count(config) == before) return false;
        Save(path, config);
        return true;
    }

    public static bool HasContext(string path, string name) =>
        File.Exists(path) && (Load(path).Contexts ?? []).Any(c => c.Name == name);

    /// <summary>
    /// Holds &lt;path&gt;.lock while we read-modify-write the file, the convention kubectl (client-go)
    /// follows too, so two clusters starting at once, or kubectl, do not lose each other's entries.
    /// </summary>
    private static FileStream Lock(string path)
    {
        var lockPath = path + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(lockPath))!);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (File.Exists(lockPath))
            {
                // A lock older than a minute belongs to a process that died holding it.
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(lockPath) > TimeSpan.FromMinutes(1))
                {
                    try { File.Delete(lockPath); } catch (IOException) { }
                    continue;
                }
                if (DateTime.UtcNow > deadline)
                    throw new IOException($"{lockPath} is held by another process; delete it if no kubectl or K8sPS is running.");
                Thread.Sleep(50);
            }
        }
    }

    private static int Count(K8SConfiguration c) =>
        (c.Clusters?.Count() ?? 0) + (c.Users?.Count() ?? 0) + (c.Contexts?.Count() ?? 0);

    private static IEnumerable<T> Without<T>(IEnumerable<T>? items, Func<T, string> nameOf, string name) =>
        (items ?? []).Where(i => nameOf(i) != name);

    private static K8SConfiguration Load(string path)
    {
        var text = File.Exists(path) ? File.ReadAllText(path) : "";
        var config = string.IsNullOrWhiteSpace(text) ? new K8SConfiguration() : KubernetesYaml.Deserialize<K8SConfiguration>(text);
        config.ApiVersion ??= "v1";
        config.Kind ??= "Config";
        return config;
    }

    private static void Save(string path, K8SConfiguration config)
    {
        config.FileName = null;
        LocalClusterPaths.WritePrivateFile(path, KubernetesYaml.Serialize(config));
    }
}
