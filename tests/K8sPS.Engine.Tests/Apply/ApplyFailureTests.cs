using System.Text.Json.Nodes;
using K8sPS.Engine.Api;
using K8sPS.Engine.Apply;
using K8sPS.Engine.Manifests;
using K8sPS.Engine.Resources;

namespace K8sPS.Engine.Tests.Apply;

/// <summary>
/// The applier against a fake apiserver on loopback, through the real request pipeline: a request the server drops
/// fails its own document and nothing else; a server that stops answering ends the batch once, every other document
/// (or object removed) told it was not sent; a kind whose
/// server-side apply is broken on the server's version is created or merge-patched instead.
/// </summary>
public class ApplyFailureTests
{
    private const string FiveDocuments = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: one
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: two
        ---
        apiVersion: apiregistration.k8s.io/v1
        kind: APIService
        metadata:
          name: v1beta1.metrics.example.com
        spec:
          group: metrics.example.com
          version: v1beta1
          groupPriorityMinimum: 100
          versionPriority: 100
          service: {name: metrics, namespace: monitoring}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: four
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: five
        """;

    private static readonly ApplyOptions Options = new() { DefaultNamespace = "apps", Concurrency = 4 };

    private static string Created(FakeRequest r) =>
        JsonNode.Parse(r.Body) is JsonObject o ? new JsonObject { ["apiVersion"] = o["apiVersion"]?.DeepClone(), ["kind"] = o["kind"]?.DeepClone(), ["metadata"] = o["metadata"]?.DeepClone() }.ToJsonString() : "{}";

    [Fact]
    public async Task A_server_that_drops_the_connection_on_one_document_fails_that_document_only_with_its_line_and_request()
    {
        // 1.21: APIServices go by server-side apply there; this server panics on them anyway.
        await using var server = new FakeApiServer("1.21.0", r =>
            r.Method == "GET" ? new FakeAnswer(404, """{"kind":"Status","reason":"NotFound","code":404}""")
            : r.Path.Contains("/apiservices/", StringComparison.Ordinal) ? FakeAnswer.Hang
            : new FakeAnswer(201, Created(r)));
        var docs = ManifestReader.Read(FiveDocuments, "five.yaml").Documents;

        var results = await new ManifestApplier(server.Rest()).ApplyAsync(docs, Options, null, CancellationToken.None);

        Assert.Equal(5, results.Count);
        Assert.Equal(["one", "two", "four", "five"], results.Where(r => r.Action == ApplyAction.Created).Select(r => r.Name));
        var failed = Assert.Single(results, r => r.Action == ApplyAction.Failed);
        Assert.Equal("ConnectionClosed", failed.Error!.ErrorId);
        Assert.False(failed.Error.IsConnectionFailure);
        Assert.Equal("five.yaml:11: APIService/v1beta1.metrics.example.com: the server closed the connection while handling "
            + "PATCH /apis/apiregistration.k8s.io/v1/apiservices/v1beta1.metrics.example.com; see the apiserver log.", failed.Error.Message);
        Assert.Equal("APIService", failed.Error.Kind);
        Assert.Equal("v1beta1.metrics.example.com", failed.Error.Name);
        // Sent twice: a connection that ended early is tried once more, then the request itself is what fails.
        Assert.Equal(2, server.Requests.Count(r => r.Method == "PATCH" && r.Path.Contains("/apiservices/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_server_that_stops_answering_ends_the_batch_with_one_connection_error_and_each_document_not_sent_says_so()
    {
        FakeApiServer? running = null;
        await using var server = running = new FakeApiServer("1.21.0", r =>
        {
            if (r.Method == "GET") return new FakeAnswer(404, """{"kind":"Status","reason":"NotFound","code":404}""");
            running!.StopListening(); // the first write takes the server down: every later request is refused
            return FakeAnswer.Hang;
        });
        var docs = ManifestReader.Read(FiveDocuments, "five.yaml").Documents;

        var results = await new ManifestApplier(server.Rest()).ApplyAsync(docs, new ApplyOptions { DefaultNamespace = "apps", Concurrency = 1 }, null, CancellationToken.None);

        // Every document has a result: the one that met the failed connection has its error, each other one says it was not sent.
        Assert.Equal(["one", "two", "v1beta1.metrics.example.com", "four", "five"], results.Select(r => r.Name));
        var failure = Assert.Single(results, r => r.Error?.IsConnectionFailure == true);
        Assert.Equal("one", failure.Name);
        Assert.Equal("ServerUnreachable", failure.Error!.ErrorId);
        Assert.All(results.Skip(1), r =>
        {
            Assert.Equal(ApplyAction.Failed, r.Action);
            Assert.Equal("NotSent", r.Error!.ErrorId);
            Assert.True(r.Error.FollowsConnectionFailure);
            Assert.Equal(r.Name, r.Error.Name);
        });
        Assert.Equal("five.yaml:22: ConfigMap/four: not sent: the server could not be reached (the connection error says why); nothing was done to this object.",
            results[3].Error!.Message);
        // Nothing more was sent after the failed connection.
        Assert.Single(server.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task A_remove_whose_server_stops_answering_sends_nothing_more_and_names_every_object_left()
    {
        FakeApiServer? running = null;
        await using var server = running = new FakeApiServer("1.21.0", r =>
        {
            running!.StopListening();
            return FakeAnswer.Hang;
        });
        var rest = server.Rest();
        var configMaps = (await ApiCatalog.GetAsync(rest, CancellationToken.None)).Resolve("ConfigMap")!;
        var targets = new[] { "a", "b", "c" }.Select(n => new DeleteTarget(configMaps, "apps", n, n)).ToList();
        var results = new System.Collections.Concurrent.ConcurrentQueue<DeleteResult>();

        await new ResourceDeleter(rest).DeleteAsync(targets, "Background", 1, TimeSpan.FromSeconds(5), results.Enqueue, CancellationToken.None);

        Assert.Equal(["a", "b", "c"], results.Select(r => r.Target.Name).Order());
        Assert.Equal("ServerUnreachable", Assert.Single(results, r => r.Error?.IsConnectionFailure == true).Error!.ErrorId);
        Assert.Equal(2, results.Count(r => r.Error?.ErrorId == "NotSent" && !r.Deleted));
        Assert.Contains(results, r => r.Error?.Message == "configmaps \"c\" in namespace \"apps\": not sent: the server could not be reached (the connection error says why); nothing was done to this object.");
        Assert.Single(server.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task An_APIService_on_a_server_whose_apply_panics_is_created_or_merged_with_the_field_manager_and_says_so()
    {
        var existing = false;
        await using var server = new FakeApiServer("1.20.2", r => r switch
        {
            { Method: "GET" } when r.Path.Contains("/apiservices/", StringComparison.Ordinal) => existing
                ? new FakeAnswer(200, """{"apiVersion":"apiregistration.k8s.io/v1","kind":"APIService","metadata":{"name":"v1beta1.metrics.example.com","resourceVersion":"7"},"spec":{"group":"metrics.example.com"}}""")
                : new FakeAnswer(404, """{"kind":"Status","reason":"NotFound","code":404}"""),
            { Method: "GET" } => new FakeAnswer(404, """{"kind":"Status","reason":"NotFound","code":404}"""),
            { Method: "PATCH", ContentType: "application/apply-patch+yaml" } when r.Path.Contains("/apiservices/", StringComparison.Ordinal) => FakeAnswer.Hang,
            { Method: "POST" } => new FakeAnswer(201, Created(r)),
            { Method: "PATCH", ContentType: "application/merge-patch+json" } => new FakeAnswer(200, """{"apiVersion":"apiregistration.k8s.io/v1","kind":"APIService","metadata":{"name":"v1beta1.metrics.example.com","resourceVersion":"8"},"spec":{"group":"metrics.example.com","version":"v1beta1"}}"""),
            _ => new FakeAnswer(201, Created(r)),
        });
        var docs = ManifestReader.Read(FiveDocuments, "five.yaml").Documents;
        var rest = server.Rest();

        var created = await new ManifestApplier(rest).ApplyAsync(docs, Options, null, CancellationToken.None);
        var api = Assert.Single(created, r => r.Kind == "APIService");
        Assert.Equal(ApplyAction.Created, api.Action);
        Assert.Null(api.Error);
        var post = Assert.Single(server.Requests, r => r.Method == "POST");
        Assert.Equal("/apis/apiregistration.k8s.io/v1/apiservices?fieldManager=k8sps", post.Path);
        Assert.Equal("metrics.example.com", JsonNode.Parse(post.Body)!["spec"]!["group"]!.GetValue<string>());
        Assert.DoesNotContain(server.Requests, r => r.ContentType == "application/apply-patch+yaml" && r.Path.Contains("/apiservices/", StringComparison.Ordinal));
        Assert.Contains(api.Notes, n => n.StartsWith("five.yaml:11: APIService/v1beta1.metrics.example.com: created with a plain create (POST)", StringComparison.Ordinal)
            && n.Contains("Kubernetes 1.20.2", StringComparison.Ordinal));
        Assert.All(created.Where(r => r.Kind == "ConfigMap"), r => Assert.Equal(ApplyAction.Created, r.Action));

        existing = true;
        var again = await new ManifestApplier(rest).ApplyAsync(docs, new ApplyOptions { DefaultNamespace = "apps", Concurrency = 4, DryRun = true }, null, CancellationToken.None);
        var merged = Assert.Single(again, r => r.Kind == "APIService");
        Assert.Equal(ApplyAction.Configured, merged.Action);
        var patch = Assert.Single(server.Requests, r => r.ContentType == "application/merge-patch+json");
        Assert.Equal("/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.metrics.example.com?fieldManager=k8sps&dryRun=All", patch.Path);
        Assert.Contains(merged.Notes, n => n.Contains("merged into the live object (merge patch)", StringComparison.Ordinal));
    }
}
