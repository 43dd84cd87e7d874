using System.Text;
using System.Text.Json.Nodes;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Generators;
using K8sPS.Engine.Manifests;
using static K8sPS.Engine.Tests.Generators.GeneratorData;

namespace K8sPS.Engine.Tests.Generators;

/// <summary>SecretGenerator against what kubectl 1.32 made from the same inputs (data/kubectl/*.json, *.err).</summary>
public class SecretGeneratorTests
{
    private static readonly Func<string, string?> FromEnvSet = k => k == "FROM_ENV" ? "from the environment" : null;

    [Fact]
    public void Files_with_and_without_keys_and_a_folder_equal_kubectl()
    {
        var secret = SecretGenerator.Generic("app-files", "team-a", new DataSources
        {
            Files = [new(Input("app.properties")), new(Input("settings.yaml"), "settings"), FileSource.Parse(Input("config"))],
        });
        AssertSameAsKubectl("secret-generic-files.json", secret);
        Assert.Equal(["app.properties", "one.txt", "settings", "two.conf"], secret.Data.Keys); // kubectl's (sorted) order
        Assert.Null(secret.Type); // kubectl leaves it to the server, which makes it Opaque
    }

    [Fact]
    public void Literals_are_bytes_and_equal_kubectl()
    {
        var secret = SecretGenerator.Generic("app-login", null, new DataSources
        {
            Literals = [LiteralSource.FromText("username", "admin"), LiteralSource.Parse("password=s3cr=t! é"), new LiteralSource("empty", [])],
        });
        AssertSameAsKubectl("secret-generic-literals.json", secret);
    }

    [Fact]
    public void Env_file_follows_kubectls_rules()
    {
        var secret = SecretGenerator.Generic("app-env", null, new DataSources { EnvFiles = [Input("app.env")], Environment = FromEnvSet });
        AssertSameAsKubectl("secret-generic-envfile.json", secret);
        Assert.Equal("info  ", Encoding.UTF8.GetString(secret.Data["LOG_LEVEL"])); // trailing spaces kept
        Assert.Equal("\"hello world\"", Encoding.UTF8.GetString(secret.Data["GREETING"])); // quotes kept
    }

    [Fact]
    public void Several_env_files_and_an_unset_bare_key_equal_kubectl()
    {
        var secret = SecretGenerator.Generic("app-env2", null, new DataSources { EnvFiles = [Input("app.env"), Input("extra.env")], Environment = _ => null });
        AssertSameAsKubectl("secret-generic-two-envfiles.json", secret);
    }

    [Fact]
    public void A_type_is_kept_as_given()
        => AssertSameAsKubectl("secret-generic-typed.json",
            SecretGenerator.Generic("typed", null, new DataSources { Literals = [LiteralSource.Parse("a=1")] }, "example.com/custom"));

    [Fact]
    public void No_source_gives_an_empty_secret_as_kubectl()
        => AssertSameAsKubectl("secret-empty.json", SecretGenerator.Generic("empty", null, new DataSources()));

    [Theory]
    [InlineData("secret-tls-rsa.json", "web-tls", "rsa.crt", "rsa.key")]
    [InlineData("secret-tls-rsa-pkcs1.json", "web-tls", "rsa.crt", "rsa-pkcs1.key")]
    [InlineData("secret-tls-ec.json", "ec-tls", "ec.crt", "ec.key")]
    [InlineData("secret-tls-ec-sec1.json", "ec-tls", "ec.crt", "ec-sec1.key")]
    [InlineData("secret-tls-ed25519.json", "ed-tls", "ed25519.crt", "ed25519.key")]
    [InlineData("secret-tls-chain.json", "chain-tls", "chain.crt", "rsa.key")]
    public void Tls_with_a_matching_pair_equals_kubectl(string kubectlFile, string name, string cert, string key)
        => AssertSameAsKubectl(kubectlFile, SecretGenerator.Tls(name, null, Input("tls/" + cert), Input("tls/" + key)));

    [Theory]
    [InlineData("err-tls-mismatch", "rsa.crt", "other-rsa.key", "other-rsa.key")]
    [InlineData("err-tls-ec-mismatch", "ec.crt", "other-ec.key", "other-ec.key")]
    [InlineData("err-tls-ed25519-mismatch", "ed25519.crt", "other-ed25519.key", "other-ed25519.key")]
    [InlineData("err-tls-type-mismatch", "rsa.crt", "ec.key", "ec.key")]
    [InlineData("err-tls-ec-curve-mismatch", "ec.crt", "ec384.key", "ec384.key")]
    [InlineData("err-tls-switched", "rsa.key", "rsa.crt", "rsa.key")]
    [InlineData("err-tls-not-pem", "../app.properties", "rsa.key", "app.properties")]
    [InlineData("err-tls-key-not-pem", "rsa.crt", "../app.properties", "app.properties")]
    [InlineData("err-tls-cert-as-key", "rsa.crt", "ec.crt", "ec.crt")]
    [InlineData("err-tls-encrypted", "rsa.crt", "rsa-encrypted.key", "rsa-encrypted.key")]
    [InlineData("err-tls-legacy-encrypted", "rsa.crt", "rsa-legacy-encrypted.key", "rsa-legacy-encrypted.key")]
    public void A_bad_pair_is_refused_with_kubectls_words_and_the_file_at_fault(string kubectlCase, string cert, string key, string fileAtFault)
    {
        var error = Assert.Throws<K8sException>(() => SecretGenerator.Tls("x", null, Input("tls/" + cert), Input("tls/" + key))).Error;
        Assert.StartsWith(KubectlError(kubectlCase), error.Message, StringComparison.Ordinal);
        Assert.Contains(fileAtFault, error.Message, StringComparison.Ordinal);
        Assert.Equal("InvalidTlsKeyPair", error.ErrorId);
        Assert.NotNull(error.RecommendedAction);
    }

    [Fact]
    public void Docker_registry_config_is_byte_for_byte_kubectls()
    {
        var secret = SecretGenerator.DockerRegistry("regcred", "ci",
            new DockerRegistryCredentials("robot", Encoding.UTF8.GetBytes("p@ss:w\"rd<>&é\\"), "registry.example.test:5000", "robot@example.test"));
        AssertSameAsKubectl("secret-docker.json", secret);
        var kubectlBytes = Convert.FromBase64String(JsonNode.Parse(Kubectl("secret-docker.json"))!["data"]![".dockerconfigjson"]!.GetValue<string>());
        Assert.Equal(kubectlBytes, secret.Data[".dockerconfigjson"]);
    }

    [Fact]
    public void Docker_registry_defaults_to_docker_hub_and_leaves_out_an_empty_email()
        => AssertSameAsKubectl("secret-docker-hub.json",
            SecretGenerator.DockerRegistry("hubcred", null, new DockerRegistryCredentials("bob", "pw"u8.ToArray())));

    [Fact]
    public void Docker_json_escapes_as_go_does()
    {
        // Go 1.22+: \b and \f short forms, other controls as \u00xx, DEL raw, U+2028/2029 escaped, bad UTF-8 as \ufffd.
        var json = SecretGenerator.DockerConfigJson(new DockerRegistryCredentials("a\bb\fc\u0001\u001f\u007f", [(byte)'p', 0xFF, (byte)'\n', 0xE2, 0x80, 0xA8], "s"));
        var text = Encoding.UTF8.GetString(json);
        Assert.StartsWith("{\"auths\":{\"s\":{\"username\":\"a\\bb\\fc\\u0001\\u001f\u007f\",\"password\":\"p\\ufffd\\n\\u2028\",\"auth\":\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Docker_registry_without_a_password_is_refused_as_kubectl_refuses_it()
    {
        var error = Assert.Throws<K8sException>(() => SecretGenerator.DockerRegistry("x", null, new DockerRegistryCredentials("u", [], "s"))).Error;
        Assert.Contains(KubectlError("err-docker-no-password"), error.Message, StringComparison.Ordinal);
        Assert.EndsWith("missing: password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Basic_auth_equals_kubectl_generic_with_its_type()
        => AssertSameAsKubectl("secret-basic-auth.json", SecretGenerator.BasicAuth("login", null, "admin"u8.ToArray(), "t0p-Secret"u8.ToArray()));

    [Fact]
    public void Ssh_auth_equals_kubectl_generic_with_its_type()
        => AssertSameAsKubectl("secret-ssh-auth.json", SecretGenerator.SshAuth("git-ssh", null, Input("id_ed25519")));

    [Fact]
    public void Ssh_auth_refuses_a_public_key()
    {
        var error = Assert.Throws<K8sException>(() => SecretGenerator.SshAuth("git-ssh", null, Input("id_ed25519.pub"))).Error;
        Assert.Equal("PublicKeyGiven", error.ErrorId);
    }

    [Fact]
    public void A_duplicate_key_is_refused_as_kubectl_refuses_it_naming_both_sources()
    {
        var file = Input("app.properties");
        var error = Assert.Throws<K8sException>(() => SecretGenerator.Generic("x", null, new DataSources
        {
            Files = [new(file)],
            Literals = [LiteralSource.Parse("app.properties=1")],
        })).Error;
        Assert.StartsWith(KubectlError("err-secret-duplicate"), error.Message, StringComparison.Ordinal);
        Assert.Contains($"file {file}", error.Message, StringComparison.Ordinal);
        Assert.Contains("literal app.properties", error.Message, StringComparison.Ordinal);
        Assert.Equal("DuplicateKey", error.ErrorId);
    }

    [Fact]
    public void A_duplicate_key_in_env_files_names_both_lines()
    {
        using var dir = new TempDir();
        var env = dir.Write("dup.env", "A=1\n# c\nA=2\n");
        var error = Assert.Throws<K8sException>(() => SecretGenerator.Generic("x", null, new DataSources { EnvFiles = [env] })).Error;
        Assert.Contains("cannot add key A, another key by that name already exists", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/b", "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')")]
    [InlineData("..", "must not be '..'")]
    [InlineData(".", "must not be '.'")]
    [InlineData("..a", "must not start with '..'")]
    [InlineData("has space", "regex used for validation is '[-._a-zA-Z0-9]+'")]
    public void An_invalid_key_is_refused_with_the_servers_rule(string key, string rule)
    {
        var error = Assert.Throws<K8sException>(() => SecretGenerator.Generic("x", null, new DataSources { Literals = [LiteralSource.FromText(key, "v")] })).Error;
        Assert.StartsWith($"\"{key}\" is not a valid key name for a Secret: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
        Assert.Contains("literal", error.Message, StringComparison.Ordinal);
        Assert.Equal("InvalidKey", error.ErrorId);
    }

    [Fact]
    public void Kubectls_rule_text_is_the_one_in_its_error()
        => Assert.EndsWith(DataKeyRules.ConfigMapKeyProblems("a/b").Single(), KubectlError("err-secret-bad-key"), StringComparison.Ordinal);

    [Fact]
    public void A_key_longer_than_253_characters_is_refused()
    {
        var ok = SecretGenerator.Generic("x", null, new DataSources { Literals = [LiteralSource.FromText(new string('k', 253), "v")] });
        Assert.Single(ok.Data);
        var error = Assert.Throws<K8sException>(() => SecretGenerator.Generic("x", null, new DataSources { Literals = [LiteralSource.FromText(new string('k', 254), "v")] })).Error;
        Assert.Contains("must be no more than 253 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_with_a_subfolder_is_an_error_naming_it_unless_asked_to_skip_as_kubectl_does()
    {
        var folder = Input("nested");
        var error = Assert.Throws<K8sException>(() => SecretGenerator.Generic("nested", null, new DataSources { Files = [new(folder)] })).Error;
        Assert.Contains("the subfolder \"sub\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("kubectl would skip silently", error.Message, StringComparison.Ordinal);
        Assert.Equal("FolderEntrySkipped", error.ErrorId);

        var skipped = SecretGenerator.Generic("nested", null, new DataSources { Files = [new(folder)], SkipSubfolders = true });
        AssertSameAsKubectl("secret-folder-with-subfolder.json", skipped);
    }

    [Fact]
    public void A_symbolic_link_in_a_folder_is_named_too_as_kubectl_skips_it()
    {
        using var dir = new TempDir();
        dir.Write("conf/real.txt", "x");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "conf", "alias.txt"), "real.txt");
        var error = Assert.Throws<K8sException>(() => SecretGenerator.Generic("x", null, new DataSources { Files = [new(Path.Combine(dir.Path, "conf"))] })).Error;
        Assert.Contains("the symbolic link \"alias.txt\"", error.Message, StringComparison.Ordinal);
        // Named directly, a link is followed, as kubectl follows it.
        var direct = SecretGenerator.Generic("x", null, new DataSources { Files = [new(Path.Combine(dir.Path, "conf", "alias.txt"))] });
        Assert.Equal("x"u8.ToArray(), direct.Data["alias.txt"]);
    }

    [Fact]
    public void A_key_for_a_folder_is_refused_as_kubectl_refuses_it()
    {
        var error = Assert.Throws<K8sException>(() => SecretGenerator.Generic("x", null, new DataSources { Files = [FileSource.Parse("k=" + Input("config"))] })).Error;
        Assert.StartsWith(KubectlError("err-key-for-folder"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Env_files_do_not_mix_with_files_or_literals_as_in_kubectl()
    {
        var error = Assert.Throws<K8sException>(() => SecretGenerator.Generic("x", null, new DataSources { EnvFiles = [Input("app.env")], Literals = [LiteralSource.Parse("a=1")] })).Error;
        Assert.Contains(KubectlError("err-envfile-mixed"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var missing = Input("no-such-file");
        var error = Assert.Throws<K8sException>(() => SecretGenerator.Generic("x", null, new DataSources { Files = [new(missing)] })).Error;
        Assert.Equal($"error reading {missing}: no such file or directory", error.Message);
        Assert.Equal(K8sErrorCategory.NotFound, error.Category);
    }

    [Fact]
    public void More_than_1_MiB_is_refused_before_sending_with_the_servers_message()
    {
        var exactly = SecretGenerator.Generic("big", null, new DataSources
        {
            Literals = [new LiteralSource("a", new byte[SecretGenerator.MaxTotalBytes - 10]), new LiteralSource("b", new byte[10])],
        });
        Assert.Equal(2, exactly.Data.Count);

        var error = Assert.Throws<K8sException>(() => SecretGenerator.Generic("big", null, new DataSources
        {
            Literals = [new LiteralSource("a", new byte[SecretGenerator.MaxTotalBytes - 10]), new LiteralSource("b", new byte[11])],
        })).Error;
        Assert.StartsWith("Secret \"big\" is invalid: data: Too long: must have at most 1048576 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", error.Message, StringComparison.Ordinal);
        Assert.Equal("data", Assert.Single(error.Causes).Field);
    }

    [Fact]
    public void An_invalid_name_is_refused()
    {
        var error = Assert.Throws<K8sException>(() => SecretGenerator.Generic("Bad_Name", null, new DataSources())).Error;
        Assert.Equal("metadata.name", Assert.Single(error.Causes).Field);
    }

    [Theory]
    [InlineData("a.txt", "a.txt", null)]
    [InlineData("dir/sub/a.txt", "dir/sub/a.txt", null)]
    [InlineData("k=dir/a.txt", "dir/a.txt", "k")]
    public void File_sources_parse_as_kubectl_parses_them(string source, string path, string? key)
        => Assert.Equal(new FileSource(path, key), FileSource.Parse(source));

    [Theory]
    [InlineData("=a.txt", "key name for file path a.txt missing")]
    [InlineData("k=", "file path for key name k missing")]
    [InlineData("a=b=c", "key names or file paths cannot contain '='")]
    public void Bad_file_sources_get_kubectls_errors(string source, string message)
        => Assert.StartsWith(message, Assert.Throws<K8sException>(() => FileSource.Parse(source)).Error.Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("dir/a.txt", "a.txt")]
    [InlineData("dir/", "dir")]
    [InlineData("a.txt", "a.txt")]
    public void The_default_key_is_the_files_name(string path, string key) => Assert.Equal(key, FileSource.DefaultKey(path));

    [Theory]
    [InlineData("novalue")]
    [InlineData("=hunter2")]
    public void Bad_literals_are_refused_without_echoing_them(string source)
    {
        var error = Assert.Throws<K8sException>(() => LiteralSource.Parse(source)).Error;
        Assert.StartsWith("invalid literal source", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(source, error.Message, StringComparison.Ordinal);
    }
}
