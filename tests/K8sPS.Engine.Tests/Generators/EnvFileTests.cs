using System.Text;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Generators;

namespace K8sPS.Engine.Tests.Generators;

/// <summary>kubectl's env-file rules, and errors that give the line (kubectl's give none).</summary>
public class EnvFileTests
{
    private static IReadOnlyList<EnvFileEntry> Parse(string text, Func<string, string?>? env = null)
        => EnvFile.Parse(Encoding.UTF8.GetBytes(text), "test.env", env ?? (_ => null));

    [Fact]
    public void Comments_blank_lines_and_leading_space_are_skipped_and_values_kept_as_written()
    {
        var entries = Parse("# c\n\n   \n  A=1\n\tB= two  \nC=x=y\n  # indented\nD=\n");
        Assert.Equal(["A", "B", "C", "D"], entries.Select(e => e.Key));
        Assert.Equal(["1", " two  ", "x=y", ""], entries.Select(e => e.Value));
        Assert.Equal([4, 5, 6, 8], entries.Select(e => e.Line));
    }

    [Fact]
    public void A_bare_key_takes_its_value_from_the_environment_or_empty()
    {
        var entries = Parse("SET\nUNSET\n", k => k == "SET" ? "value" : null);
        Assert.Equal(["value", ""], entries.Select(e => e.Value));
        Assert.All(entries, e => Assert.True(e.FromEnvironment));
    }

    [Fact]
    public void A_bom_is_dropped_from_the_first_line_only()
    {
        Assert.Equal("A", Parse("\uFEFFA=1\n").Single().Key);
        var error = Assert.Throws<K8sException>(() => Parse("A=1\n\uFEFFB=2\n")).Error;
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Crlf_line_ends_and_a_last_line_without_one_are_read()
        => Assert.Equal(["1", "2"], Parse("A=1\r\nB=2").Select(e => e.Value));

    [Theory]
    [InlineData("A=1\n1BAD=2\n", 2, "\"1BAD\" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit")]
    [InlineData("A=1\nB=2\n=3\n", 3, "\"\" is not a valid key name")]
    [InlineData("KEY =v\n", 1, "\"KEY \" is not a valid key name")]
    [InlineData("export B=2\n", 1, "\"export B\" is not a valid key name")]
    public void An_invalid_line_is_refused_with_its_number_and_kubectls_reason(string text, int line, string reason)
    {
        var error = Assert.Throws<K8sException>(() => Parse(text)).Error;
        Assert.Contains($"line {line}:", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal("EnvFileInvalidKey", error.ErrorId);
    }

    [Fact]
    public void Invalid_utf8_is_refused_without_echoing_the_bytes()
    {
        var error = Assert.Throws<K8sException>(() => EnvFile.Parse([.. "A=1\nB="u8, 0xFF, 0xFE, .. "secret\n"u8], "test.env")).Error;
        Assert.Equal("env file test.env contains invalid utf8 bytes at line 2", error.Message);
    }

    [Fact]
    public void A_line_kubectl_would_silently_stop_at_is_refused()
    {
        var text = "A=1\nB=" + new string('x', EnvFile.MaxLineBytes) + "\nC=3\n";
        var error = Assert.Throws<K8sException>(() => Parse(text)).Error;
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("without an error", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, Parse("A=1\nB=" + new string('x', EnvFile.MaxLineBytes - 10) + "\n").Count);
    }

    [Fact]
    public void A_folder_is_not_an_env_file()
    {
        using var dir = new TempDir();
        Assert.Equal("EnvFileIsFolder", Assert.Throws<K8sException>(() => EnvFile.Read(dir.Path)).Error.ErrorId);
    }

    [Fact]
    public void Entries_show_no_value()
        => Assert.DoesNotContain("hunter2", Parse("PASSWORD=hunter2\n").Single().ToString(), StringComparison.Ordinal);
}
