using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Tests.Apply;

namespace K8sPS.Engine.Tests.Connection;

/// <summary>Read-modify-write on 409 Conflict, against a loopback apiserver whose object changes under the writer.</summary>
public class ConflictRetryTests
{
    private const string Item = "/api/v1/namespaces/default/configmaps/cm1";

    [Fact]
    public async Task A_conflict_reads_again_and_writes_on_the_new_version()
    {
        var version = 1;
        var puts = 0;
        await using var server = new FakeApiServer("1.20.2", r => r.Method switch
        {
            "GET" => new FakeAnswer(200, $$$"""{"kind":"ConfigMap","metadata":{"name":"cm1","resourceVersion":"{{{version}}}"}}"""),
            // Someone else writes between our first read and write: the first PUT carries a stale version.
            "PUT" when Interlocked.Increment(ref puts) == 1 => Conflict(() => version = 2),
            "PUT" when r.Body.Contains("\"resourceVersion\":\"2\"", StringComparison.Ordinal) => new FakeAnswer(200, r.Body),
            "PUT" => Conflict(null),
            _ => new FakeAnswer(404),
        });
        var rest = server.Rest();
        var reads = new List<string>();
        await ConflictRetry.RunAsync(async _ =>
        {
            var got = await rest.GetAsync(Item, CancellationToken.None);
            var rv = got.Json!["metadata"]!["resourceVersion"]!.GetValue<string>();
            reads.Add(rv);
            var put = await rest.SendAsync(HttpMethod.Put, Item, $$$"""{"kind":"ConfigMap","metadata":{"name":"cm1","resourceVersion":"{{{rv}}}"},"data":{"k":"v"}}""", "application/json", CancellationToken.None);
            if (!put.IsSuccess) throw new K8sException(ErrorMapper.FromStatus(put.StatusCode, put.Body, "ConfigMap", "cm1", "default"));
        }, CancellationToken.None);
        Assert.Equal(["1", "2"], reads);
    }

    [Fact]
    public async Task A_conflict_that_persists_is_the_item_s_error_after_five_attempts()
    {
        var attempts = 0;
        var e = await Assert.ThrowsAsync<K8sException>(() => ConflictRetry.RunAsync(_ =>
        {
            attempts++;
            throw new K8sException(ErrorMapper.FromStatus(409, """{"kind":"Status","reason":"Conflict","code":409,"message":"the object has been modified"}""", "ConfigMap", "cm1", "default"));
        }, CancellationToken.None));
        Assert.Equal(ConflictRetry.DefaultAttempts, attempts);
        Assert.Equal("Conflict", e.Error.ErrorId);
    }

    [Fact]
    public async Task Other_errors_are_not_retried()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<K8sException>(() => ConflictRetry.RunAsync(_ =>
        {
            attempts++;
            throw new K8sException(ErrorMapper.FromStatus(404, """{"kind":"Status","reason":"NotFound","code":404}""", "ConfigMap", "cm1", "default"));
        }, CancellationToken.None));
        Assert.Equal(1, attempts);
    }

    private static FakeAnswer Conflict(Action? meanwhile)
    {
        meanwhile?.Invoke();
        return new FakeAnswer(409, """{"kind":"Status","status":"Failure","reason":"Conflict","code":409,"message":"Operation cannot be fulfilled on configmaps \"cm1\": the object has been modified"}""");
    }
}
