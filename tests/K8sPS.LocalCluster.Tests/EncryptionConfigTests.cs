using System.Text.RegularExpressions;
using K8sPS.Engine.LocalCluster;
using K8sPS.LocalCluster.Supervisor;

namespace K8sPS.LocalCluster.Tests;

/// <summary>Secrets encrypted at rest: one aescbc key per cluster, owner-only, kept across starts, passed to the apiserver.</summary>
public sealed class EncryptionConfigTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "k8sps-enc-" + Guid.NewGuid().ToString("N"));

    public void Dispose() { if (Directory.Exists(_root)) Directory.Delete(_root, true); }

    private static string KeyOf(string pkiDir)
        => Regex.Match(File.ReadAllText(EncryptionConfig.PathIn(pkiDir)), @"secret:\s*(\S+)").Groups[1].Value;

    [Fact]
    public void Each_cluster_gets_its_own_aescbc_key_of_32_bytes_readable_by_its_owner_only()
    {
        var a = Pki.LoadOrCreate(Path.Combine(_root, "a"));
        var b = Pki.LoadOrCreate(Path.Combine(_root, "b"));
        var text = File.ReadAllText(EncryptionConfig.PathIn(a.Dir));
        Assert.Contains("kind: EncryptionConfiguration", text, StringComparison.Ordinal);
        Assert.Matches(@"resources:\s*\n- resources:\s*\n  - secrets\s*\n  providers:\s*\n  - aescbc:", text);
        Assert.Contains("- identity: {}", text, StringComparison.Ordinal); // what was stored before encryption still reads
        Assert.Equal(32, Convert.FromBase64String(KeyOf(a.Dir)).Length);
        Assert.NotEqual(KeyOf(a.Dir), KeyOf(b.Dir));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(EncryptionConfig.PathIn(a.Dir)));
    }

    [Fact]
    public void A_warm_start_keeps_the_key_and_tightens_a_loosened_file_mode()
    {
        var dir = Path.Combine(_root, "warm");
        Pki.LoadOrCreate(dir);
        var key = KeyOf(dir);
        File.SetUnixFileMode(EncryptionConfig.PathIn(dir), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Pki.LoadOrCreate(dir);
        Assert.Equal(key, KeyOf(dir));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(EncryptionConfig.PathIn(dir)));
    }

    [Fact]
    public void A_config_without_a_usable_key_is_replaced()
    {
        var dir = Path.Combine(_root, "broken");
        LocalClusterPaths.CreatePrivateDirectory(dir);
        LocalClusterPaths.WritePrivateFile(EncryptionConfig.PathIn(dir), "secret: c2hvcnQ=\n");
        Pki.LoadOrCreate(dir);
        Assert.Equal(32, Convert.FromBase64String(KeyOf(dir)).Length);
    }

    [Fact]
    public void The_apiserver_is_given_the_config()
    {
        var pki = Pki.LoadOrCreate(Path.Combine(_root, "args"));
        var args = ControlPlane.ApiServerArguments(pki, new() { ApiServer = 1, EtcdClient = 2, EtcdPeer = 3, ControllerManager = 4, Scheduler = 5 });
        Assert.Contains($"--encryption-provider-config={EncryptionConfig.PathIn(pki.Dir)}", args);
    }
}
