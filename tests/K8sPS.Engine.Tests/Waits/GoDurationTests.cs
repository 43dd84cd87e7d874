using K8sPS.Engine.Errors;
using K8sPS.Engine.Waits;

namespace K8sPS.Engine.Tests.Waits;

/// <summary>GoDuration reads what kubectl's --timeout takes (Go's time.ParseDuration) and writes what Go prints.</summary>
public class GoDurationTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("2h45m", 9_900_000)]
    [InlineData("0", 0)]
    [InlineData("-5s", -5_000)]
    [InlineData(".5s", 500)]
    public void Reads_gos_durations(string text, long milliseconds)
        => Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), GoDuration.Parse(text));

    [Theory]
    [InlineData("30")]
    [InlineData("5 m")]
    [InlineData("1d")]
    [InlineData("s")]
    [InlineData("")]
    public void Refuses_what_go_refuses(string text)
        => Assert.False(GoDuration.TryParse(text, out _));

    [Fact]
    public void The_error_is_gos()
        => Assert.Equal("time: invalid duration \"1d\"", Assert.Throws<K8sException>(() => GoDuration.Parse("1d")).Error.Message);

    [Theory]
    [InlineData(90_000, "1m30s")]
    [InlineData(3_723_000, "1h2m3s")]
    [InlineData(30_000, "30s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(250, "250ms")]
    [InlineData(3_600_000, "1h0m0s")]
    public void Prints_as_go_does(long milliseconds, string text)
        => Assert.Equal(text, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
}
