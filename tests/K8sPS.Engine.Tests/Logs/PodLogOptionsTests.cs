using K8sPS.Engine.Errors;
using K8sPS.Engine.Logs;

namespace K8sPS.Engine.Tests.Logs;

public class PodLogOptionsTests
{
    [Fact]
    public void Only_what_is_set_is_sent()
        => Assert.Equal("container=app", new PodLogOptions().QueryFor("app"));

    [Fact]
    public void Every_option_as_kubectl_sends_it()
    {
        var options = new PodLogOptions
        {
            Follow = true, Previous = true, Timestamps = true, TailLines = 20, LimitBytes = 4096,
            Since = TimeSpan.FromSeconds(89.5),
        };
        Assert.Equal("container=a%20b&follow=true&previous=true&timestamps=true&sinceSeconds=90&tailLines=20&limitBytes=4096", options.QueryFor("a b"));
    }

    [Fact]
    public void Since_time_is_RFC3339_in_UTC_and_tail_minus_one_is_all()
    {
        var options = new PodLogOptions { SinceTime = new DateTimeOffset(2026, 12, 2, 3, 4, 5, TimeSpan.FromHours(2)), TailLines = -1 };
        Assert.Equal("container=app&sinceTime=2026-12-02T01%3A04%3A05Z", options.QueryFor("app"));
    }

    [Theory]
    [InlineData(0.4, 1)]
    [InlineData(1.5, 2)]
    [InlineData(300, 300)]
    public void Since_is_rounded_to_whole_seconds_never_zero(double seconds, long sent)
        => Assert.Equal(sent, PodLogOptions.SinceSeconds(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Since_and_since_time_together_are_refused()
    {
        var e = Assert.Throws<K8sException>(() => new PodLogOptions { Since = TimeSpan.FromMinutes(1), SinceTime = DateTimeOffset.UtcNow }.Validate());
        Assert.Equal("InvalidLogOptions", e.Error.ErrorId);
        Assert.Contains("at most one of -Since", e.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_since_or_tail_is_refused()
    {
        Assert.Throws<K8sException>(() => new PodLogOptions { Since = TimeSpan.FromSeconds(-1) }.Validate());
        Assert.Throws<K8sException>(() => new PodLogOptions { TailLines = -2 }.Validate());
        new PodLogOptions { TailLines = -1, Since = TimeSpan.FromSeconds(5) }.Validate();
    }
}
