using System.Net;
using k8s.Autorest;
using K8sPS.LocalCluster.Simulator;

namespace K8sPS.LocalCluster.Tests.Simulator;

public sealed class ApiRetryTests
{
    private static HttpOperationException Status(HttpStatusCode code) => new($"HTTP {(int)code}")
    {
        Response = new HttpResponseMessageWrapper(new HttpResponseMessage(code), ""),
    };

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.Conflict, false)]
    [InlineData(HttpStatusCode.UnprocessableEntity, false)]
    public void Throttling_and_server_trouble_are_retried_answers_about_the_object_are_not(HttpStatusCode code, bool transient) =>
        Assert.Equal(transient, ApiRetry.IsTransient(Status(code), CancellationToken.None));

    [Fact]
    public void A_broken_connection_is_retried_our_own_cancellation_is_not()
    {
        Assert.True(ApiRetry.IsTransient(new HttpRequestException("reset"), CancellationToken.None));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.False(ApiRetry.IsTransient(new OperationCanceledException(), cancelled.Token));
    }

    [Fact]
    public async Task Retries_until_the_call_succeeds()
    {
        var calls = 0;
        var result = await ApiRetry.RunAsync(_ =>
        {
            if (++calls < 3) throw Status(HttpStatusCode.ServiceUnavailable);
            return Task.FromResult("done");
        }, CancellationToken.None, firstDelay: TimeSpan.FromMilliseconds(1));
        Assert.Equal(("done", 3), (result, calls));
    }

    [Fact]
    public async Task Gives_up_at_once_on_an_answer_that_will_not_change()
    {
        var calls = 0;
        await Assert.ThrowsAsync<HttpOperationException>(() => ApiRetry.RunAsync<string>(_ =>
        {
            calls++;
            throw Status(HttpStatusCode.NotFound);
        }, CancellationToken.None));
        Assert.Equal(1, calls);
    }
}
