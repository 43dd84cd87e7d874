using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Tests;

/// <summary>Use-K8sContext edits only current-context or a context's namespace; everything else stays byte for byte.</summary>
public class KubeConfigEditorTests
{
    // Comments, odd spacing, an exec block and an auth-provider block: none of it may change.
    private const string Original = """
        # managed by hand; keep this comment
        apiVersion: v1
        kind: Config
        preferences: {}
        clusters:
        - cluster:
            certificate-authority-data: LS0tLS1CRUdJTg==
            server: https://eks.example:443
          name: eks
        contexts:
        - context:
            cluster: eks
            user: eks-user
          name: eks
        - name: gke
          context:
            cluster: eks
            namespace:   prod   # trailing comment
            user: gke-user
        current-context: gke
        users:
        - name: eks-user
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: aws
              args: ["eks", "get-token", "--cluster-name", "demo"]
              env:
              - {name: AWS_PROFILE, value: dev}
        - name: gke-user
          user:
            auth-provider:
              name: gcp
              config:
                cmd-path: /usr/bin/gcloud
                expiry-key: '{.credential.token_expiry}'
        """;

    [Fact]
    public void Switching_context_changes_only_the_current_context_value()
    {
        var edited = KubeConfigEditor.SetCurrentContext(Original, "eks");
        Assert.Equal(Original.Replace("current-context: gke", "current-context: eks"), edited);
    }

    [Fact]
    public void Setting_an_existing_namespace_changes_only_that_value()
    {
        var edited = KubeConfigEditor.SetNamespace(Original, "gke", "staging");
        Assert.Equal(Original.Replace("namespace:   prod   #", "namespace:   staging   #"), edited);
    }

    [Fact]
    public void Adding_a_namespace_inserts_one_line_at_the_context_indentation()
    {
        var edited = KubeConfigEditor.SetNamespace(Original, "eks", "web");
        Assert.Equal(Original.Replace("- context:\n    cluster: eks\n", "- context:\n    namespace: web\n    cluster: eks\n"), edited);
    }

    [Fact]
    public void A_missing_current_context_key_is_appended()
    {
        var without = Original.Replace("current-context: gke\n", "");
        // The file has no final newline: one is added before the new key, nothing else changes.
        Assert.Equal(without + "\ncurrent-context: eks\n", KubeConfigEditor.SetCurrentContext(without, "eks"));
    }

    [Fact]
    public void Values_that_YAML_would_misread_are_quoted()
    {
        Assert.Contains("current-context: \"true\"", KubeConfigEditor.SetCurrentContext(Original, "true"));
        Assert.Contains("current-context: \"a b\"", KubeConfigEditor.SetCurrentContext(Original, "a b"));
        Assert.Contains("current-context: \"arn:aws:eks:eu-west-1:1:cluster/x\"", KubeConfigEditor.SetCurrentContext(Original, "arn:aws:eks:eu-west-1:1:cluster/x"));
        Assert.Contains("current-context: kind-dev.local\n", KubeConfigEditor.SetCurrentContext(Original, "kind-dev.local"));
    }

    [Fact]
    public void Quoted_values_stay_quoted_and_empty_values_get_a_space()
    {
        Assert.Equal("current-context: \"b\"\n", KubeConfigEditor.SetCurrentContext("current-context: \"a\"\n", "b"));
        Assert.Equal("current-context: b\nkind: Config\n", KubeConfigEditor.SetCurrentContext("current-context:\nkind: Config\n", "b"));
    }

    [Fact]
    public void Windows_line_endings_are_kept()
    {
        var crlf = Original.Replace("\n", "\r\n");
        Assert.Equal(crlf.Replace("- context:\r\n    cluster: eks\r\n", "- context:\r\n    namespace: web\r\n    cluster: eks\r\n"),
            KubeConfigEditor.SetNamespace(crlf, "eks", "web"));
    }

    [Fact]
    public void Flow_and_json_files_are_edited_in_their_own_style()
    {
        const string json = """{"apiVersion":"v1","contexts":[{"name":"a","context":{"cluster":"c","user":"u"}}],"current-context":"a"}""";
        Assert.Equal(json.Replace("\"current-context\":\"a\"", "\"current-context\":\"b\""), KubeConfigEditor.SetCurrentContext(json, "b"));
        Assert.Equal(json.Replace("{\"cluster\"", "{\"namespace\": \"web\", \"cluster\""), KubeConfigEditor.SetNamespace(json, "a", "web"));
    }

    [Fact]
    public void Editing_a_file_writes_where_kubectl_writes()
    {
        using var dir = new TempDir();
        var first = dir.Write("first", "current-context: x\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\n");
        var second = dir.Write("second", Original);
        var set = KubeConfigLoader.Load([first, second]);

        Assert.Equal(first, KubeConfigEditor.SetCurrentContext(set, "eks"));
        Assert.Equal(second, KubeConfigEditor.SetNamespace(set, "gke", "qa"));

        Assert.Equal("current-context: eks\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\n", File.ReadAllText(first));
        Assert.Equal(Original.Replace("namespace:   prod", "namespace:   qa"), File.ReadAllText(second));
        Assert.Equal("qa", KubeConfigLoader.Load([first, second]).GetContext("gke").Namespace);
    }

    [Fact]
    public void An_unknown_context_changes_nothing()
    {
        using var dir = new TempDir();
        var file = dir.Write("config", Original);
        var set = KubeConfigLoader.Load([file]);

        Assert.Equal("ContextNotFound", Assert.Throws<K8sException>(() => KubeConfigEditor.SetCurrentContext(set, "nope")).Error.ErrorId);
        Assert.Equal(Original, File.ReadAllText(file));
    }
}
