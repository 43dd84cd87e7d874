using System.Net;
using System.Text;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Logs;

namespace K8sPS.Engine.Tests.Logs;

public class PodLogReaderTests
{
    /// <summary>An apiserver in the process: each log request gets its container's scripted body, then closes or stays open.</summary>
    private sealed class FakeLogServer(Func<string, (HttpStatusCode Code, string Body, bool Hang)> answer) : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.PathAndQuery;
            lock (Requests) Requests.Add(path);
            var (code, body, hang) = answer(path);
            HttpContent content = new StreamContent(new LogStream(Encoding.UTF8.GetBytes(body), hang));
            return Task.FromResult(new HttpResponseMessage(code) { Content = content, RequestMessage = request });
        }
    }

    /// <summary>The body, then the end, or (hang) no more bytes until disposed, as a quiet followed log.</summary>
    private sealed class LogStream(byte[] data, bool hang) : Stream
    {
        private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position < data.Length)
            {
                var n = Math.Min(buffer.Length, data.Length - _position);
                data.AsMemory(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }
            if (!hang) return 0;
            await _disposed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            throw new ObjectDisposedException(nameof(LogStream));
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { _disposed.TrySetResult(); base.Dispose(disposing); }
    }

    private static readonly Uri Base = new("http://127.0.0.1:9");

    private static (PodLogReader Reader, FakeLogServer Server) Reader(Func<string, (HttpStatusCode, string, bool)> answer)
    {
        var server = new FakeLogServer(answer);
        return (new PodLogReader(new HttpClient(server) { Timeout = Timeout.InfiniteTimeSpan }, Base), server);
    }

    private static async Task<List<T>> All<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var i in items) list.Add(i);
        return list;
    }

    [Fact]
    public async Task Reads_the_lines_of_one_container_with_the_options_in_the_query()
    {
        var (reader, server) = Reader(_ => (HttpStatusCode.OK, "one\ntwo\nlast without newline", false));
        var lines = await All(reader.ReadAsync(new LogSource("shop", "web-1", "app"), new PodLogOptions { TailLines = 3 }));
        Assert.Equal(["one", "two", "last without newline"], lines);
        Assert.Equal(["/api/v1/namespaces/shop/pods/web-1/log?container=app&tailLines=3"], server.Requests);
    }

    [Fact]
    public async Task The_kubelets_refusal_is_the_servers_message_with_what_to_do()
    {
        const string status = """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"container \"app\" in pod \"web-1\" is waiting to start: ContainerCreating","reason":"BadRequest","code":400}""";
        var (reader, _) = Reader(_ => (HttpStatusCode.BadRequest, status, false));
        var e = await Assert.ThrowsAsync<K8sException>(() => All(reader.ReadAsync(new LogSource("shop", "web-1", "app"), new PodLogOptions())));
        Assert.Equal("BadRequest", e.Error.ErrorId);
        Assert.Equal("container \"app\" in pod \"web-1\" is waiting to start: ContainerCreating", e.Error.Message);
        Assert.Contains("Get-K8sEvent -For pod/web-1", e.Error.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quiet_follow_ends_at_once_when_cancelled()
    {
        var (reader, _) = Reader(_ => (HttpStatusCode.OK, "started\n", true));
        using var cts = new CancellationTokenSource();
        var seen = new List<string>();
        var task = Task.Run(async () =>
        {
            await foreach (var line in reader.ReadAsync(new LogSource("shop", "web-1", "app"), new PodLogOptions { Follow = true }, cts.Token))
            {
                lock (seen) seen.Add(line);
            }
        });
        while (true) { lock (seen) if (seen.Count > 0) break; await Task.Delay(10); }
        await cts.CancelAsync();
        var finished = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(task, finished);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
    }

    [Fact]
    public async Task Several_follows_are_merged_whole_lines_and_a_failing_one_is_its_own_error()
    {
        var (reader, _) = Reader(path => path.Contains("web-2", StringComparison.Ordinal)
            ? (HttpStatusCode.NotFound, """{"kind":"Status","status":"Failure","message":"pods \"web-2\" not found","reason":"NotFound","code":404}""", false)
            : (HttpStatusCode.OK, "a\nb\n", false));
        var sources = new[] { new LogSource("shop", "web-1", "app"), new LogSource("shop", "web-2", "app"), new LogSource("shop", "web-3", "app") };
        var lines = await All(reader.FollowAllAsync(sources, new PodLogOptions { Follow = true }));
        Assert.Equal(["a", "b"], lines.Where(l => l.Source.Pod == "web-1").Select(l => l.Text));
        Assert.Equal(["a", "b"], lines.Where(l => l.Source.Pod == "web-3").Select(l => l.Text));
        var failed = Assert.Single(lines, l => l.Source.Pod == "web-2");
        Assert.Equal("NotFound", failed.Error!.Error.ErrorId);
        Assert.Contains("Get-K8sPod -Namespace shop", failed.Error.Error.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Following_more_than_the_limit_is_kubectls_error_before_any_request()
    {
        var (reader, server) = Reader(_ => (HttpStatusCode.OK, "", false));
        var sources = Enumerable.Range(1, 6).Select(i => new LogSource("shop", $"web-{i}", "app")).ToList();
        var e = await Assert.ThrowsAsync<K8sException>(() => All(reader.FollowAllAsync(sources, new PodLogOptions { Follow = true })));
        Assert.Equal("you are attempting to follow 6 log streams, but maximum allowed concurrency is 5, use -MaxLogRequests to increase the limit", e.Error.Message);
        Assert.Empty(server.Requests);
    }
}
