using System.Globalization;
using System.Net.Http;
using System.Text.Json.Nodes;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Tests.Apply;

namespace K8sPS.Engine.Tests.Connection;

/// <summary>
/// A create whose answer was lost, against a loopback apiserver that stores the object and then hangs up: sent again,
/// it meets AlreadyExists, and is reported as created only when the stored object is the one sent.
/// </summary>
public class CreateRetryTests
{
    private const string Path = "/api/v1/namespaces/default/configmaps";
    private const string Sent = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1","labels":{"a":"1"}},"data":{"k":"v"}}""";

    private static string Stored(string data, DateTimeOffset created) =>
        $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1","namespace":"default","uid":"u-1","resourceVersion":"7","labels":{"a":"1"},"creationTimestamp":"{{{created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}}}","managedFields":[{"manager":"k8sps","operation":"Update"}]},"data":{"k":"{{{data}}}"}}""";

    private static FakeApiServer Server(Func<string> stored, bool storeOnFirst = true)
    {
        var posts = 0;
        return new FakeApiServer("1.20.2", r => r.Method switch
        {
            // The first create is stored and its answer lost (the connection closes); the second meets the stored object.
            "POST" when Interlocked.Increment(ref posts) == 1 => storeOnFirst ? FakeAnswer.Hang : new FakeAnswer(503, """{"kind":"Status","code":503}"""),
            "POST" => new FakeAnswer(409, """{"kind":"Status","status":"Failure","reason":"AlreadyExists","code":409,"message":"configmaps \"cm1\" already exists"}"""),
            "GET" when r.Path == Path + "/cm1" => new FakeAnswer(200, stored()),
            _ => new FakeAnswer(404, """{"kind":"Status","reason":"NotFound","code":404}"""),
        });
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_sent_again_and_reported_created_when_the_object_is_the_one_sent()
    {
        await using var server = Server(() => Stored("v", DateTimeOffset.UtcNow));
        var r = await server.Rest().SendAsync(HttpMethod.Post, Path + "?fieldManager=k8sps", Sent, "application/json", CancellationToken.None);
        Assert.Equal(201, r.StatusCode);
        Assert.Equal("u-1", r.Json?["metadata"]?["uid"]?.GetValue<string>());
        Assert.Equal(["POST", "POST", "GET"], server.Requests.Select(q => q.Method));
    }

    [Fact]
    public async Task An_existing_object_with_other_content_keeps_its_AlreadyExists()
    {
        await using var server = Server(() => Stored("someone else's", DateTimeOffset.UtcNow));
        var r = await server.Rest().SendAsync(HttpMethod.Post, Path, Sent, "application/json", CancellationToken.None);
        Assert.Equal(409, r.StatusCode);
        Assert.Contains("AlreadyExists", r.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_object_created_before_the_first_attempt_is_not_claimed()
    {
        await using var server = Server(() => Stored("v", DateTimeOffset.UtcNow.AddMinutes(-5)));
        var r = await server.Rest().SendAsync(HttpMethod.Post, Path, Sent, "application/json", CancellationToken.None);
        Assert.Equal(409, r.StatusCode);
    }

    [Fact]
    public async Task A_create_answered_503_is_sent_again_and_checked_too()
    {
        await using var server = Server(() => Stored("v", DateTimeOffset.UtcNow), storeOnFirst: false);
        var r = await server.Rest().SendAsync(HttpMethod.Post, Path, Sent, "application/json", CancellationToken.None);
        Assert.Equal(201, r.StatusCode);
    }

    [Fact]
    public async Task Another_field_manager_s_object_is_not_claimed()
    {
        await using var server = Server(() => Stored("v", DateTimeOffset.UtcNow));
        var r = await server.Rest().SendAsync(HttpMethod.Post, Path + "?fieldManager=other", Sent, "application/json", CancellationToken.None);
        Assert.Equal(409, r.StatusCode);
    }

    [Fact]
    public async Task A_first_AlreadyExists_is_not_read_again()
    {
        await using var server = new FakeApiServer("1.20.2", _ => new FakeAnswer(409, """{"kind":"Status","reason":"AlreadyExists","code":409}"""));
        var r = await server.Rest().SendAsync(HttpMethod.Post, Path, Sent, "application/json", CancellationToken.None);
        Assert.Equal(409, r.StatusCode);
        Assert.Equal(["POST"], server.Requests.Select(q => q.Method));
    }

    [Theory]
    [InlineData("/api/v1/namespaces/ns/configmaps", true)]
    [InlineData("/api/v1/namespaces", true)]
    [InlineData("/apis/apps/v1/namespaces/ns/deployments", true)]
    [InlineData("/apis/storage.k8s.io/v1/storageclasses", true)]
    [InlineData("/api/v1/namespaces/ns/pods/web/eviction", false)]
    [InlineData("/apis/apps/v1/namespaces/ns/deployments/web/scale", false)]
    public void Only_a_POST_to_a_collection_is_a_checked_create(string path, bool collection) =>
        Assert.Equal(collection, CreateRetry.IsCollection(path));

    [Fact]
    public void The_fields_sent_must_all_be_on_the_server_with_their_values()
    {
        var sent = JsonNode.Parse(Sent)!.AsObject();
        Assert.True(CreateRetry.IsOurs(sent, JsonNode.Parse(Stored("v", DateTimeOffset.UtcNow))!.AsObject(), DateTimeOffset.UtcNow.AddSeconds(-2), "k8sps"));
        var noLabel = JsonNode.Parse(Stored("v", DateTimeOffset.UtcNow))!.AsObject();
        noLabel["metadata"]!.AsObject().Remove("labels");
        Assert.False(CreateRetry.IsOurs(sent, noLabel, DateTimeOffset.UtcNow.AddSeconds(-2), null));
    }
}
