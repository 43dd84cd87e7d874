using System.Net.Http;
using K8sPS.Engine.Tests.Apply;

namespace K8sPS.Engine.Tests.Connection;

/// <summary>
/// A delete whose answer was lost, against a loopback apiserver that deletes the object and then hangs up (or answers
/// 500, as when etcd died after the write): sent again, it meets 404, and is reported deleted. A delete that meets
/// 404 at once, or after a 429 (refused before acting), stays NotFound. Each delete carries DeleteOptions, as
/// ResourceClient's do (a DELETE without a body is sent again by the HTTP handler itself, out of the pipeline's sight).
/// </summary>
public class DeleteRetryTests
{
    private const string Item = "/api/v1/namespaces/default/configmaps/cm1";
    private const string NotFound = """{"kind":"Status","status":"Failure","reason":"NotFound","code":404,"message":"configmaps \"cm1\" not found"}""";

    // What ResourceClient sends with every delete.
    private const string Options = """{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Background"}""";

    private static FakeApiServer Server(FakeAnswer first)
    {
        var deletes = 0;
        return new FakeApiServer("1.20.2", r => r.Method == "DELETE" && Interlocked.Increment(ref deletes) == 1 ? first : new FakeAnswer(404, NotFound));
    }

    [Theory]
    [InlineData(0)]   // the connection closed without an answer
    [InlineData(500)] // the server failed after the write
    public async Task A_delete_whose_answer_was_lost_is_sent_again_and_reported_deleted_when_the_object_is_gone(int firstStatus)
    {
        await using var server = Server(firstStatus == 0 ? FakeAnswer.Hang : new FakeAnswer(firstStatus, """{"kind":"Status","code":500}"""));
        var r = await server.Rest().SendAsync(HttpMethod.Delete, Item, Options, "application/json", CancellationToken.None);
        Assert.Equal(200, r.StatusCode);
        Assert.Equal("Success", r.Json?["status"]?.GetValue<string>());
        Assert.Equal("cm1", r.Json?["details"]?["name"]?.GetValue<string>());
        Assert.Equal(["DELETE", "DELETE"], server.Requests.Select(q => q.Method));
    }

    [Fact]
    public async Task A_delete_that_meets_404_at_once_is_NotFound()
    {
        await using var server = new FakeApiServer("1.20.2", _ => new FakeAnswer(404, NotFound));
        var r = await server.Rest().SendAsync(HttpMethod.Delete, Item, Options, "application/json", CancellationToken.None);
        Assert.Equal(404, r.StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_delete_refused_with_429_before_it_met_404_is_NotFound()
    {
        await using var server = Server(new FakeAnswer(429, """{"kind":"Status","code":429}"""));
        var r = await server.Rest().SendAsync(HttpMethod.Delete, Item, Options, "application/json", CancellationToken.None);
        Assert.Equal(404, r.StatusCode);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_collection_delete_that_meets_404_on_a_repeat_is_NotFound()
    {
        await using var server = Server(new FakeAnswer(500, """{"kind":"Status","code":500}"""));
        var r = await server.Rest().SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/configmaps", null, null, CancellationToken.None);
        Assert.Equal(404, r.StatusCode);
    }
}
