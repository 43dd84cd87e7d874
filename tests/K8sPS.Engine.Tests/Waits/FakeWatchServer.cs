using System.Net;
using System.Text;

namespace K8sPS.Engine.Tests.Waits;

/// <summary>
/// An apiserver for watches that never leaves the process: each request (list or watch) is recorded and
/// answered by the next scripted answer for its kind. A watch answer streams its lines and then closes, drops
/// the connection (IOException mid-stream, as a killed TCP connection does) or hangs until cancelled.
/// </summary>
internal sealed class FakeWatchServer : HttpMessageHandler
{
    public enum Ending { Close, Drop, Hang }

    public sealed record Answer(HttpStatusCode Code, string Body = "", IReadOnlyList<string>? Lines = null, Ending End = Ending.Hang);

    private readonly Queue<Answer> _lists = new();
    private readonly Queue<Answer> _watches = new();

    public List<string> Requests { get; } = [];

    public List<string> Watches => Requests.Where(r => r.Contains("watch=1", StringComparison.Ordinal)).ToList();

    public List<string> Lists => Requests.Where(r => !r.Contains("watch=1", StringComparison.Ordinal)).ToList();

    public FakeWatchServer List(string body) { _lists.Enqueue(new Answer(HttpStatusCode.OK, body)); return this; }

    public FakeWatchServer Watch(Ending end, params string[] lines) { _watches.Enqueue(new Answer(HttpStatusCode.OK, Lines: lines, End: end)); return this; }

    public FakeWatchServer WatchStatus(HttpStatusCode code, string body) { _watches.Enqueue(new Answer(code, body)); return this; }

    public HttpClient Client() => new(this) { Timeout = Timeout.InfiniteTimeSpan };

    public static readonly Uri Base = new("http://127.0.0.1:9");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.PathAndQuery;
        lock (Requests) Requests.Add(path);
        var isWatch = path.Contains("watch=1", StringComparison.Ordinal);
        var queue = isWatch ? _watches : _lists;
        // Once the script is used up, a watch hangs (a quiet server) and a list fails loudly.
        var answer = queue.Count > 0 ? queue.Dequeue()
            : isWatch ? new Answer(HttpStatusCode.OK, Lines: [], End: Ending.Hang)
            : new Answer(HttpStatusCode.InternalServerError, """{"kind":"Status","code":500,"message":"no more scripted lists"}""");
        HttpContent content = answer.Lines is null
            ? new StringContent(answer.Body, Encoding.UTF8, "application/json")
            : new StreamContent(new ScriptedStream(answer.Lines, answer.End));
        return Task.FromResult(new HttpResponseMessage(answer.Code) { Content = content, RequestMessage = request });
    }

    /// <summary>The lines of a watch, then its ending.</summary>
    private sealed class ScriptedStream(IReadOnlyList<string> lines, Ending end) : Stream
    {
        private readonly byte[] _data = Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));
        private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position < _data.Length)
            {
                var n = Math.Min(buffer.Length, _data.Length - _position);
                _data.AsMemory(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }
            switch (end)
            {
                case Ending.Close: return 0;
                case Ending.Drop: throw new IOException("The response ended prematurely (connection reset by peer).");
                default:
                    await _disposed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                    throw new ObjectDisposedException(nameof(ScriptedStream));
            }
        }

        protected override void Dispose(bool disposing)
        {
            _disposed.TrySetResult();
            base.Dispose(disposing);
        }
    }
}
