using K8sPS.LocalCluster.Simulator;
using K8sPS.Engine.Waits;

namespace K8sPS.LocalCluster.Tests.Simulator;

/// <summary>Durations as the simulator prints them (Go's) and reads them from annotations.</summary>
public sealed class SimDurationTests
{
    // As Go's time.Duration String prints them (the kubelet's "back-off 5m0s").
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(0.1, "100ms")]
    [InlineData(1.5, "1.5s")]
    [InlineData(10, "10s")]
    [InlineData(80, "1m20s")]
    [InlineData(300, "5m0s")]
    [InlineData(3600, "1h0m0s")]
    [InlineData(0.0012, "1.2ms")]
    public void Durations_print_as_Go_prints_them(double seconds, string expected) =>
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond))));

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("1m30s", 90)]
    [InlineData("500ms", 0.5)]
    [InlineData("1.5s", 1.5)]
    [InlineData("2h", 7200)]
    [InlineData("45", 45)]
    public void Durations_read_as_Go_reads_them_or_as_bare_seconds(string text, double seconds)
    {
        Assert.True(SimAnnotations.TryDuration(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5s")]
    [InlineData("5 s")]
    [InlineData("")]
    public void Anything_else_is_not_a_duration(string text) => Assert.False(SimAnnotations.TryDuration(text, out _));
}
