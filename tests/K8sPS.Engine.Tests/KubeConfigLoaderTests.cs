using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Tests;

public class KubeConfigLoaderTests
{
    private const string First = """
        apiVersion: v1
        kind: Config
        current-context: alpha
        clusters:
        - name: shared
          cluster:
            server: https://first.example:6443
            certificate-authority: certs/ca.crt
        users:
        - name: alice
          user:
            token: first-token
        contexts:
        - name: alpha
          context: {cluster: shared, user: alice, namespace: team-a}
        - name: both
          context: {cluster: shared, user: alice}
        """;

    private const string Second = """
        apiVersion: v1
        kind: Config
        current-context: beta
        clusters:
        - name: shared
          cluster:
            server: https://second.example:6443
        - name: other
          cluster:
            server: https://other.example
            insecure-skip-tls-verify: true
        users:
        - name: bob
          user:
            client-certificate: bob.crt
            client-key: /abs/bob.key
        - name: eks
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: ./bin/aws-iam-authenticator
              args: [token, -i, demo]
        contexts:
        - name: beta
          context: {cluster: other, user: bob}
        - name: both
          context: {cluster: other, user: bob, namespace: from-second}
        - name: cloud
          context: {cluster: other, user: eks}
        """;

    [Fact]
    public void Merges_files_with_first_definition_winning_like_kubectl()
    {
        using var dir = new TempDir();
        var a = dir.Write("a/config", First);
        var b = dir.Write("b/config", Second);

        var set = KubeConfigLoader.Load([a, b]);

        Assert.Equal([a, b], set.Files);
        Assert.Equal("alpha", set.CurrentContext);           // first non-empty current-context
        Assert.Equal(a, set.CurrentContextSource);
        Assert.Equal(["alpha", "both", "beta", "cloud"], set.Contexts.Select(c => c.Name));
        var both = set.GetContext("both");                    // defined in both: the first file's copy
        Assert.Null(both.Namespace);
        Assert.Equal("default", both.EffectiveNamespace);
        Assert.Equal(a, both.SourceFile);
        Assert.Equal("https://first.example:6443", both.Server); // cluster 'shared' also from the first file
        Assert.Equal(b, set.SourceOf("beta"));
    }

    [Fact]
    public void Resolves_relative_paths_against_the_file_that_holds_them()
    {
        using var dir = new TempDir();
        var a = dir.Write("a/config", First);
        var b = dir.Write("b/config", Second);

        var merged = KubeConfigLoader.Load([a, b]).Merged;

        Assert.Equal(Path.Combine(dir.Path, "a", "certs", "ca.crt"), merged.Clusters.Single(c => c.Name == "shared").ClusterEndpoint.CertificateAuthority);
        var bob = merged.Users.Single(u => u.Name == "bob").UserCredentials;
        Assert.Equal(Path.Combine(dir.Path, "b", "bob.crt"), bob.ClientCertificate);
        Assert.Equal("/abs/bob.key", bob.ClientKey);
        Assert.Equal(Path.Combine(dir.Path, "b", "bin", "aws-iam-authenticator"), merged.Users.Single(u => u.Name == "eks").UserCredentials.ExternalExecution.Command);
    }

    [Fact]
    public void Describes_contexts_without_secret_values()
    {
        using var dir = new TempDir();
        var set = KubeConfigLoader.Load([dir.Write("a", First), dir.Write("b", Second)]);

        var alpha = set.GetContext();
        Assert.True(alpha.IsCurrent);
        Assert.Equal("team-a", alpha.EffectiveNamespace);
        Assert.Equal("Token", alpha.AuthMethod);
        Assert.Equal("ClientCertificate", set.GetContext("beta").AuthMethod);
        Assert.Equal("Exec", set.GetContext("cloud").AuthMethod);
        Assert.DoesNotContain("first-token", string.Join(" ", set.Contexts.Select(c => c.ToString())));
    }

    [Fact]
    public void Reads_KUBECONFIG_as_a_path_list_and_skips_missing_files()
    {
        using var dir = new TempDir();
        var b = dir.Write("b", Second);
        var missing = Path.Combine(dir.Path, "missing");

        var paths = KubeConfigLoader.SearchPaths(kubeconfigVariable: string.Join(Path.PathSeparator, missing, b, b));
        Assert.Equal([missing, b], paths);                    // duplicates dropped, order kept
        var set = KubeConfigLoader.Load(paths);
        Assert.Equal([b], set.Files);
        Assert.Equal("beta", set.CurrentContext);
        Assert.Equal(b, set.CurrentContextTarget);            // kubectl writes current-context to the first existing file
    }

    [Fact]
    public void A_missing_context_is_a_clear_NotFound()
    {
        using var dir = new TempDir();
        var set = KubeConfigLoader.Load([dir.Write("a", First)]);

        var error = Assert.Throws<K8sException>(() => set.GetContext("nope")).Error;

        Assert.Equal("ContextNotFound", error.ErrorId);
        Assert.Equal(K8sErrorCategory.NotFound, error.Category);
        Assert.Contains("'nope'", error.Message);
        Assert.Contains("alpha, both", error.Message);
    }

    [Fact]
    public void No_current_context_and_no_files_are_configuration_errors()
    {
        using var dir = new TempDir();
        var set = KubeConfigLoader.Load([dir.Write("a", First.Replace("current-context: alpha", ""))]);
        Assert.Equal("NoCurrentContext", Assert.Throws<K8sException>(() => set.GetContext()).Error.ErrorId);

        var none = Assert.Throws<K8sException>(() => KubeConfigLoader.Load([Path.Combine(dir.Path, "nothing")])).Error;
        Assert.Equal("KubeconfigNotFound", none.ErrorId);
        Assert.Equal(K8sErrorCategory.InvalidConfiguration, none.Category);
    }

    [Fact]
    public void Invalid_yaml_names_the_file()
    {
        using var dir = new TempDir();
        var bad = dir.Write("bad", "clusters: [\n  - name: x\n  cluster: {");
        var error = Assert.Throws<K8sException>(() => KubeConfigLoader.Load([bad])).Error;
        Assert.Equal("InvalidKubeconfig", error.ErrorId);
        Assert.Contains(bad, error.Message);
    }

    [Fact]
    public void Builds_a_client_per_context_and_reuses_it()
    {
        using var dir = new TempDir();
        var file = dir.Write("c", """
            clusters:
            - {name: one, cluster: {server: "https://one.example", insecure-skip-tls-verify: true}}
            - {name: two, cluster: {server: "https://two.example", insecure-skip-tls-verify: true}}
            users:
            - {name: u, user: {token: abc}}
            contexts:
            - {name: c1, context: {cluster: one, user: u, namespace: web}}
            - {name: c2, context: {cluster: two, user: u}}
            current-context: c1
            """);
        var set = KubeConfigLoader.Load([file]);

        var first = ConnectionFactory.Get(set);
        var again = ConnectionFactory.Get(KubeConfigLoader.Load([file]));
        var other = ConnectionFactory.Get(set, "c2");

        Assert.Same(first.Client, again.Client);
        Assert.NotSame(first.Client, other.Client);
        Assert.Equal("c1", first.Context);
        Assert.Equal("https://one.example", first.Server);
        Assert.Equal("web", first.Namespace);
        Assert.Equal("default", other.Namespace);
        Assert.Equal("kube-system", other.ResolveNamespace("kube-system"));
    }
}
