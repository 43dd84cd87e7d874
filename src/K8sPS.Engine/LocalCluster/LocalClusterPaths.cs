using System.Text.RegularExpressions;

namespace K8sPS.Engine.LocalCluster;

/// <summary>Where a local cluster keeps its state, logs, certificates and etcd data.</summary>
public static partial class LocalClusterPaths
{
    public const string DefaultName = "k8sps";

    /// <summary>~/.k8sps, or K8SPS_HOME (tests point it at a folder of their own).</summary>
    public static string Home
    {
        get
        {
            var home = Environment.GetEnvironmentVariable("K8SPS_HOME");
            if (!string.IsNullOrEmpty(home)) return Path.GetFullPath(home);
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".k8sps");
        }
    }

    public static string ClustersRoot(string? home = null) => Path.Combine(home ?? Home, "clusters");
    public static string ClusterDir(string name, string? home = null) => Path.Combine(ClustersRoot(home), name);
    public static string StateFile(string clusterDir) => Path.Combine(clusterDir, "state.json");
    public static string LockFile(string clusterDir) => Path.Combine(clusterDir, "supervisor.lock");
    public static string LogsDir(string clusterDir) => Path.Combine(clusterDir, "logs");
    public static string PkiDir(string clusterDir) => Path.Combine(clusterDir, "pki");
    public static string EtcdDataDir(string clusterDir) => Path.Combine(clusterDir, "etcd");
    public static string AdminKubeconfig(string clusterDir) => Path.Combine(clusterDir, "admin.kubeconfig");

    /// <summary>
    /// The kubeconfig a cluster's context is merged into when no path is given: the first file of
    /// KUBECONFIG, else ~/.kube/config (what kubectl and minikube use).
    /// </summary>
    public static string DefaultKubeconfig()
    {
        var env = Environment.GetEnvironmentVariable("KUBECONFIG");
        if (!string.IsNullOrEmpty(env))
        {
            var first = env.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (first is not null) return Path.GetFullPath(first);
        }
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
    }

    // The name becomes a folder, a kubeconfig context and the first node's name: a DNS label keeps all three valid.
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$")]
    private static partial Regex NamePattern();

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    /// <summary>Creates <paramref name="path"/> readable by the owner only (it holds keys).</summary>
    public static void CreatePrivateDirectory(string path)
    {
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Writes a file readable by the owner only: created with 0600 before any byte is written, replaced atomically.</summary>
    public static void WritePrivateFile(string path, string content)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, "." + Path.GetFileName(path) + "." + Environment.ProcessId + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(content);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: true);
    }
}
