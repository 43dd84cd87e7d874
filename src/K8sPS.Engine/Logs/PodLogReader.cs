using System.Runtime.CompilerServices;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Logs;

/// <summary>
/// Reads containers' logs as kubectl logs does (GET pods/{name}/log), line by line as the server sends them, over
/// the connection's own HttpClient (the one request path: credentials, TLS checks, retries, request log; a followed
/// log has no request timeout there). Cancelling closes the stream at once, so a follow stops without waiting for
/// its next line. Several followed at once are merged as kubectl merges them, each line whole.
/// </summary>
public sealed class PodLogReader
{
    /// <summary>kubectl --max-log-requests' default: how many logs one command may follow at once.</summary>
    public const int DefaultMaxFollowConcurrency = 5;

    private readonly HttpClient _http;
    private readonly string _base;

    public PodLogReader(HttpClient http, Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(baseUri);
        _http = http;
        _base = baseUri.ToString().TrimEnd('/');
    }

    /// <summary>A reader over the connection's HttpClient.</summary>
    public static PodLogReader For(K8sConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var client = connection.Client as Kubernetes
            ?? throw new ArgumentException("The connection's client is not a KubernetesClient Kubernetes instance.", nameof(connection));
        return new PodLogReader(client.HttpClient, client.BaseUri);
    }

    /// <summary>
    /// The lines of one container's log (a last line without a newline included). The server's refusal (the pod
    /// gone, the container waiting to start, no previous container) is thrown as a <see cref="K8sException"/>
    /// before any line.
    /// </summary>
    public async IAsyncEnumerable<string> ReadAsync(LogSource source, PodLogOptions options, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var path = $"/api/v1/namespaces/{Uri.EscapeDataString(source.Namespace)}/pods/{Uri.EscapeDataString(source.Pod)}/log?{options.QueryFor(source.Container)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, _base + path);
        request.Headers.Accept.ParseAdd("*/*");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            throw new K8sException(Explain(ErrorMapper.FromStatus((int)response.StatusCode, body, "Pod", source.Pod, source.Namespace), source));
        }
        // Reads honour the token, but a read blocked on a quiet follow ends only when the stream is closed.
        using var closeOnCancel = ct.Register(static r => ((HttpResponseMessage)r!).Dispose(), response);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false));
        while (true)
        {
            string? line;
            try { line = await reader.ReadLineAsync(ct).ConfigureAwait(false); }
            catch (Exception e) when (e is IOException or HttpRequestException or ObjectDisposedException && ct.IsCancellationRequested)
            {
                throw new OperationCanceledException("The log was stopped.", e, ct);
            }
            if (line is null) yield break;
            yield return line;
        }
    }

    /// <summary>
    /// Several logs followed at once, their lines as they come (kubectl's parallelConsumeRequest); a source that
    /// fails gives one <see cref="LogLine"/> with its error and the others go on. More sources than
    /// <paramref name="maxConcurrency"/> is kubectl's error, before anything is read.
    /// </summary>
    public async IAsyncEnumerable<LogLine> FollowAllAsync(IReadOnlyList<LogSource> sources, PodLogOptions options, int maxConcurrency = DefaultMaxFollowConcurrency,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(options);
        CheckFollowLimit(sources.Count, maxConcurrency);
        var lines = Channel.CreateBounded<LogLine>(new BoundedChannelOptions(1000) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var readers = sources.Select(source => Task.Run(async () =>
        {
            try
            {
                await foreach (var text in ReadAsync(source, options, stop.Token).ConfigureAwait(false))
                    await lines.Writer.WriteAsync(new LogLine(source, text), stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e)
            {
                var error = ErrorMapper.ToException(e, "Pod", source.Pod, source.Namespace);
                await lines.Writer.WriteAsync(new LogLine(source, null, error), stop.Token).ConfigureAwait(false);
            }
        }, stop.Token)).ToList();
        _ = Task.WhenAll(readers).ContinueWith(_ => lines.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await foreach (var line in lines.Reader.ReadAllAsync(ct).ConfigureAwait(false))
                yield return line;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try { await Task.WhenAll(readers).ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
    }

    /// <summary>The pod whose log is asked for; a missing one is the server's NotFound with how to find the right name.</summary>
    public static async Task<V1Pod> GetPodAsync(IKubernetes client, string ns, string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            return await client.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var error = ErrorMapper.Map(e, "Pod", name, ns);
            // kubectl 1.32 names the namespace it looked in, which the 1.20 server's message leaves out.
            if (error.StatusCode == 404 && !error.Message.Contains(" in namespace ", StringComparison.Ordinal))
                error = new K8sError(error.ErrorId, error.Category, $"{error.Message} in namespace \"{ns}\"")
                {
                    Reason = error.Reason, StatusCode = error.StatusCode, Kind = error.Kind, Name = error.Name, Namespace = error.Namespace ?? ns, Causes = error.Causes,
                };
            throw new K8sException(Explain(error, new LogSource(ns, name, "")));
        }
    }

    /// <summary>kubectl logs -l: the pods the selector matches, by name.</summary>
    public static async Task<IReadOnlyList<V1Pod>> ListPodsAsync(IKubernetes client, string ns, string selector, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var list = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector, cancellationToken: ct).ConfigureAwait(false);
        return list.Items.OrderBy(p => p.Metadata?.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>kubectl: following more streams than --max-log-requests is refused before any is opened.</summary>
    public static void CheckFollowLimit(int streams, int maxConcurrency)
    {
        if (streams > 1 && streams > maxConcurrency)
            throw new K8sException(new K8sError("TooManyLogStreams", K8sErrorCategory.InvalidArgument,
                $"you are attempting to follow {streams} log streams, but maximum allowed concurrency is {maxConcurrency}, use -MaxLogRequests to increase the limit")
            { RecommendedAction = $"Narrow -Selector, name -Container, or pass -MaxLogRequests {streams}." });
    }

    /// <summary>The server's error, with what to do about the kubelet's usual refusals.</summary>
    internal static K8sError Explain(K8sError error, LogSource source)
    {
        var message = error.Message;
        string? fix = null;
        if (message.Contains("is waiting to start", StringComparison.Ordinal))
            fix = $"The container has not started yet: see why with Get-K8sPod {source.Pod} -Namespace {source.Namespace} and Get-K8sEvent -For pod/{source.Pod}, or wait for it (Wait-K8sCondition pod/{source.Pod} -For condition=Ready).";
        else if (message.Contains("previous terminated container", StringComparison.Ordinal))
            fix = "The container has not restarted (no earlier run to show): leave out -Previous for the current run.";
        else if (error.StatusCode == 404 && message.Contains("pods \"", StringComparison.Ordinal))
            fix = $"Check the name with Get-K8sPod -Namespace {source.Namespace}: a pod of a Deployment or Job is replaced under a new name; -Selector reads the pods by label.";
        if (fix is null || error.RecommendedAction == fix) return error;
        return new K8sError(error.ErrorId, error.Category, message)
        {
            Reason = error.Reason, StatusCode = error.StatusCode, Kind = error.Kind ?? "Pod", Name = error.Name ?? source.Pod,
            Namespace = error.Namespace ?? source.Namespace, Causes = error.Causes, RecommendedAction = fix,
        };
    }
}
