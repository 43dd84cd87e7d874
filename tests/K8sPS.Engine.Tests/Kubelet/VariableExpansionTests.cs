using K8sPS.Engine.Kubelet;

namespace K8sPS.Engine.Tests.Kubelet;

/// <summary>The kubelet's $(VAR) rules (third_party/forked/golang/expansion), case by case.</summary>
public class VariableExpansionTests
{
    private static readonly Dictionary<string, string> Known = new()
    {
        ["VAR_A"] = "A",
        ["VAR_B"] = "B",
        ["EMPTY"] = "",
        ["SELF"] = "$(SELF)",
    };

    [Theory]
    [InlineData("$(VAR_A)", "A")]
    [InlineData("___$(VAR_A)___", "___A___")]
    [InlineData("$(VAR_A)-$(VAR_B)", "A-B")]
    [InlineData("$(VAR_A)$(VAR_A)", "AA")]
    [InlineData("$(EMPTY)x", "x")]
    [InlineData("$$(VAR_A)", "$(VAR_A)")] // $$ escapes
    [InlineData("$$$(VAR_A)", "$A")]
    [InlineData("$$$$(VAR_A)", "$$(VAR_A)")]
    [InlineData("$(UNKNOWN)", "$(UNKNOWN)")] // undefined references stay
    [InlineData("$(VAR_A", "$(VAR_A")] // unclosed
    [InlineData("$VAR_A", "$VAR_A")] // no parenthesis: not a reference
    [InlineData("$", "$")]
    [InlineData("x$", "x$")]
    [InlineData("$()", "$()")] // the empty name is not defined
    [InlineData("$(SELF)", "$(SELF)")] // one pass only
    [InlineData("(VAR_A)", "(VAR_A)")]
    [InlineData("$(VAR_A)$(UNKNOWN)$$", "A$(UNKNOWN)$")]
    public void References_expand_as_in_the_kubelet(string input, string expected)
        => Assert.Equal(expected, VariableExpansion.Expand(input, n => Known.GetValueOrDefault(n)).Value);

    [Fact]
    public void The_result_says_what_was_replaced_and_what_was_left()
    {
        var result = VariableExpansion.Expand("$(VAR_A)$(NOPE)$(VAR_A)$$(VAR_B)", n => Known.GetValueOrDefault(n));
        Assert.Equal(["VAR_A"], result.Resolved);
        Assert.Equal(["NOPE"], result.Unresolved);
    }

    [Fact]
    public void A_dollar_before_a_non_ascii_character_is_mangled_as_go_mangles_it()
    {
        // Go's string(input[0]) makes the first byte of "é" (0xC3) a character of its own ("Ã"); the second byte is left alone.
        var result = VariableExpansion.Expand("$é", _ => null).Value;
        Assert.Equal("$Ã\uFFFD", result);
        Assert.Equal("é $(X)", VariableExpansion.Expand("é $(X)", _ => null).Value);
    }
}
