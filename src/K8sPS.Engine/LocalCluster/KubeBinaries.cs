namespace K8sPS.Engine.LocalCluster;

/// <summary>Finds etcd, kube-apiserver, kube-controller-manager and kube-scheduler.</summary>
public static class KubeBinaries
{
    public const string KubernetesVersion = "1.20.2";
    public const string InstallCommand = "./build.sh -Task Bootstrap";
    public static readonly string[] Required = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"];

    /// <summary>The folder the install script builds into: $K8SPS_CACHE or ~/.cache/k8sps, then kubernetes-1.20.2/bin.</summary>
    public static string CacheFolder()
    {
        var cache = Environment.GetEnvironmentVariable("K8SPS_CACHE");
        if (string.IsNullOrEmpty(cache))
            cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "k8sps");
        return Path.Combine(cache, $"kubernetes-{KubernetesVersion}", "bin");
    }

    /// <summary>The folder to use and where it came from: the parameter, else K8SPS_KUBE_BIN, else the cache.</summary>
    public static (string Folder, string Source) Resolve(string? binPath)
    {
        if (!string.IsNullOrEmpty(binPath)) return (Path.GetFullPath(binPath), "-BinPath");
        var env = Environment.GetEnvironmentVariable("K8SPS_KUBE_BIN");
        if (!string.IsNullOrEmpty(env)) return (Path.GetFullPath(env), "K8SPS_KUBE_BIN");
        return (CacheFolder(), "the K8sPS cache");
    }

    /// <summary>The full paths of the binaries missing (or not executable) in <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> Missing(string folder)
    {
        var missing = new List<string>();
        foreach (var name in Required)
        {
            var path = Path.Combine(folder, name);
            if (!File.Exists(path) || (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) == 0))
                missing.Add(path);
        }
        return missing;
    }
}
