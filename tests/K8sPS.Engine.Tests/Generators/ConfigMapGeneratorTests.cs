using K8sPS.Engine.Errors;
using K8sPS.Engine.Generators;
using static K8sPS.Engine.Tests.Generators.GeneratorData;

namespace K8sPS.Engine.Tests.Generators;

/// <summary>ConfigMapGenerator against what kubectl 1.32 made from the same inputs (data/kubectl/configmap-*.json, *.err).</summary>
public class ConfigMapGeneratorTests
{
    [Fact]
    public void Files_go_to_data_and_a_non_utf8_file_to_binaryData_as_kubectl()
    {
        var configMap = ConfigMapGenerator.Build("app-config", "team-a", new DataSources
        {
            Files = [new(Input("app.properties")), new(Input("logo.bin")), new(Input("config")), FileSource.Parse("app.yaml=" + Input("settings.yaml"))],
        });
        AssertSameAsKubectl("configmap-files.json", configMap);
        Assert.Equal(["logo.bin"], configMap.BinaryData.Keys);
        Assert.DoesNotContain("logo.bin", configMap.Data.Keys);
    }

    [Fact]
    public void Literals_equal_kubectl()
        => AssertSameAsKubectl("configmap-literals.json", ConfigMapGenerator.Build("app-literals", null, new DataSources
        {
            Literals = [LiteralSource.Parse("mode=production"), LiteralSource.FromText("greeting", "héllo wörld"), LiteralSource.Parse("empty=")],
        }));

    [Fact]
    public void Env_file_equals_kubectl()
        => AssertSameAsKubectl("configmap-envfile.json", ConfigMapGenerator.Build("app-env", null, new DataSources
        {
            EnvFiles = [Input("app.env")],
            Environment = k => k == "FROM_ENV" ? "from the environment" : null,
        }));

    [Fact]
    public void A_folder_with_a_subfolder_equals_kubectl_only_when_asked_to_skip()
    {
        Assert.Throws<K8sException>(() => ConfigMapGenerator.Build("nested", null, new DataSources { Files = [new(Input("nested"))] }));
        AssertSameAsKubectl("configmap-folder-with-subfolder.json",
            ConfigMapGenerator.Build("nested", null, new DataSources { Files = [new(Input("nested"))], SkipSubfolders = true }));
    }

    [Theory]
    [InlineData("err-configmap-duplicate", "app.properties", "app.properties")]
    [InlineData("err-configmap-duplicate-binary", "logo.bin", "app.properties")]
    public void Duplicate_keys_get_kubectls_configmap_message(string kubectlCase, string first, string second)
    {
        var error = Assert.Throws<K8sException>(() => ConfigMapGenerator.Build("x", null, new DataSources
        {
            Files = [new(Input(first)), .. first == second ? Array.Empty<FileSource>() : [new FileSource(Input(second), first)]],
            Literals = first == second ? [LiteralSource.Parse(first + "=1")] : [],
        })).Error;
        Assert.StartsWith(KubectlError(kubectlCase), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_key_gets_kubectls_configmap_message()
    {
        var error = Assert.Throws<K8sException>(() => ConfigMapGenerator.Build("x", null, new DataSources { Literals = [LiteralSource.Parse("..=1")] })).Error;
        Assert.StartsWith(KubectlError("err-configmap-bad-key"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_and_binaryData_count_together_toward_1_MiB()
    {
        var half = SecretGenerator.MaxTotalBytes / 2;
        var error = Assert.Throws<K8sException>(() => ConfigMapGenerator.Build("big", null, new DataSources
        {
            Literals = [LiteralSource.FromText("text", new string('a', half)), new LiteralSource("bin", Enumerable.Repeat((byte)0xFF, half + 1).ToArray())],
        })).Error;
        Assert.StartsWith("ConfigMap \"big\" is invalid: Too long: must have at most 1048576 bytes", error.Message, StringComparison.Ordinal);

        var fits = ConfigMapGenerator.Build("big", null, new DataSources
        {
            Literals = [LiteralSource.FromText("text", new string('a', half)), new LiteralSource("bin", Enumerable.Repeat((byte)0xFF, half).ToArray())],
        });
        Assert.Single(fits.Data);
        Assert.Single(fits.BinaryData);
    }
}
