using System.Security.Cryptography;
using System.Text.RegularExpressions;
using K8sPS.Engine.LocalCluster;

namespace K8sPS.LocalCluster.Supervisor;

/// <summary>
/// Secrets encrypted at rest: the kube-apiserver's --encryption-provider-config with an AES-CBC key of 32 random bytes
/// made once per cluster (etcd then holds k8s:enc:aescbc:v1:&lt;key&gt;:... instead of the values). identity comes
/// second, so secrets written before encryption was on still read. The file sits in pki/ with mode 0600, like the
/// cluster's private keys; a warm start keeps it (a new key would make every stored secret unreadable).
/// </summary>
internal static partial class EncryptionConfig
{
    public const string FileName = "encryption-config.yaml";
    public const string Provider = "aescbc";

    public static string PathIn(string pkiDir) => Path.Combine(pkiDir, FileName);

    /// <summary>The config's path, writing a new one with a fresh key when there is none (or it holds no usable key).</summary>
    public static string EnsureIn(string pkiDir)
    {
        var path = PathIn(pkiDir);
        if (File.Exists(path) && HasKey(File.ReadAllText(path)))
        {
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return path;
        }
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            LocalClusterPaths.WritePrivateFile(path, Render("key-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture), key));
        }
        finally
        {
            Array.Clear(key);
        }
        return path;
    }

    /// <summary>The EncryptionConfiguration (apiserver.config.k8s.io/v1) for secrets: aescbc with one key, then identity.</summary>
    internal static string Render(string keyName, byte[] key) =>
        $"""
        apiVersion: apiserver.config.k8s.io/v1
        kind: EncryptionConfiguration
        resources:
        - resources:
          - secrets
          providers:
          - {Provider}:
              keys:
              - name: {keyName}
                secret: {Convert.ToBase64String(key)}
          - identity: {"{}"}

        """;

    internal static bool HasKey(string text)
    {
        var match = KeyLine().Match(text);
        if (!match.Success) return false;
        try { return Convert.FromBase64String(match.Groups["key"].Value).Length == 32; }
        catch (FormatException) { return false; }
    }

    [GeneratedRegex(@"^\s*secret:\s*(?<key>[A-Za-z0-9+/=]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex KeyLine();
}
