using System.Diagnostics;
using System.Globalization;
using System.Net;
using k8s.Authentication;

namespace K8sPS.Engine.Connection;

/// <summary>
/// The one path every request of a connection takes, typed (KubernetesClient's generated calls) or dynamic
/// (<see cref="KubeRest"/>): the HTTP version, the Host header and SNI name from tls-server-name, the
/// credentials (token, token file, exec plugin, basic), a timeout for each request that is not a stream,
/// the <see cref="RetryPolicy"/>, and one <see cref="RequestLog"/> line per attempt.
/// </summary>
public sealed class RequestPipeline : DelegatingHandler
{
    private readonly RetryPolicy _retry;
    private readonly ServiceClientCredentials? _credentials;
    private readonly string? _tlsServerName;
    private readonly bool _http2;
    private readonly TimeSpan _requestTimeout;
    private int _answered; // 1 once the server has answered anything: a refusal after that is a restart, worth waiting for

    public RequestPipeline(RetryPolicy retry, ServiceClientCredentials? credentials, string? tlsServerName, bool http2, TimeSpan requestTimeout)
    {
        _retry = retry;
        _credentials = credentials;
        _tlsServerName = string.IsNullOrWhiteSpace(tlsServerName) ? null : tlsServerName;
        _http2 = http2;
        _requestTimeout = requestTimeout;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Buffered once, so a retry can send the same bytes again (a request message can be sent only once).
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var contentType = request.Content?.Headers.ContentType?.MediaType;
        var streaming = IsStream(request.RequestUri);
        var started = Stopwatch.StartNew();
        string? createdPath = null; // the object a named create makes, once a retry is in question (see below)
        var firstAttempt = DateTimeOffset.UtcNow;
        var mayHaveActed = false; // an earlier attempt may have been carried out (all but a 429, which the server refused before acting)
        for (var attempt = 0; ; attempt++)
        {
            using var message = attempt == 0 ? null : Copy(request, body);
            var current = message ?? request;
            Prepare(current);
            if (_credentials is not null) await _credentials.ProcessHttpRequestAsync(current, cancellationToken).ConfigureAwait(false);

            using var timeout = streaming ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout?.CancelAfter(_requestTimeout);
            var one = Stopwatch.StartNew();
            HttpResponseMessage? response = null;
            Exception? failure = null;
            try
            {
                response = await base.SendAsync(current, timeout?.Token ?? cancellationToken).ConfigureAwait(false);
                Interlocked.Exchange(ref _answered, 1);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = e;
            }
            var timedOut = failure is OperationCanceledException && timeout?.IsCancellationRequested == true;
            // An apply's 500 may be the server's refusal of the body, which the policy tells by its message.
            string? errorBody = null;
            if (response?.StatusCode == HttpStatusCode.InternalServerError && RetryPolicy.IsApply(contentType))
            {
                try
                {
                    await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
                    errorBody = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is HttpRequestException or IOException) { } // unread: a 500 like any other
            }
            // Read from the body only when an attempt failed: parsing every create's body on its way cost CPU that a
            // bulk create shares with the apiserver, and only a retry asks whether the create can be checked.
            if (response?.IsSuccessStatusCode != true) createdPath ??= CreateRetry.ItemPath(request.Method, contentType, request.RequestUri, body);
            var decision = _retry.Decide(current.Method, contentType, response, failure, timedOut, Volatile.Read(ref _answered) == 1, attempt, started.Elapsed,
                current.RequestUri?.AbsolutePath, checkedCreate: createdPath is not null, errorBody: errorBody);
            Log(current, response, failure, timedOut, one.Elapsed, decision);
            if (!decision.Retry)
            {
                if (response is not null && attempt > 0 && createdPath is not null && response.StatusCode == HttpStatusCode.Conflict)
                    return await CheckRepeatedCreateAsync(current, response, createdPath, body!, firstAttempt, cancellationToken).ConfigureAwait(false);
                if (response is not null && DeleteRetry.IsGoneAfterRepeat(current.Method, current.RequestUri, response.StatusCode, mayHaveActed))
                {
                    if (RequestLog.Enabled) RequestLog.Write($"DELETE {current.RequestUri?.PathAndQuery}: the delete sent again found the object gone: an earlier attempt deleted it (its answer was lost)");
                    response.Dispose();
                    return DeleteRetry.Deleted(current);
                }
                if (response is not null) return response;
                if (timedOut)
                    throw new TimeoutException($"{current.Method} {current.RequestUri?.AbsolutePath} got no answer within {_requestTimeout.TotalSeconds:0} s.", failure);
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure!);
            }
            // A refusal counts too: the handler sends again by itself when a pooled connection closes before an answer,
            // so a refused connection may hide a first send the server carried out.
            mayHaveActed |= response is null || (int)response.StatusCode != 429;
            response?.Dispose();
            await Task.Delay(decision.Delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A create sent again met 409: when the reason is AlreadyExists and the object is the one sent (the first attempt
    /// was stored, its answer lost), the create is answered 201 with that object; otherwise the 409 stands.
    /// </summary>
    private async Task<HttpResponseMessage> CheckRepeatedCreateAsync(HttpRequestMessage create, HttpResponseMessage conflict, string itemPath, byte[] sent,
        DateTimeOffset firstAttempt, CancellationToken ct)
    {
        var answeredAt = DateTimeOffset.UtcNow;
        await conflict.Content.LoadIntoBufferAsync(ct).ConfigureAwait(false);
        var status = await conflict.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!status.Contains("\"AlreadyExists\"", StringComparison.Ordinal)) return conflict;
        var uri = new UriBuilder(create.RequestUri!) { Path = itemPath, Query = "" }.Uri;
        using var read = new HttpRequestMessage(HttpMethod.Get, uri);
        read.Headers.Accept.ParseAdd("application/json");
        Prepare(read);
        if (_credentials is not null) await _credentials.ProcessHttpRequestAsync(read, ct).ConfigureAwait(false);
        var one = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_requestTimeout);
        HttpResponseMessage got;
        try { got = await base.SendAsync(read, timeout.Token).ConfigureAwait(false); }
        catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or IOException or OperationCanceledException) { return conflict; }
        using (got)
        {
            var body = await got.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            bool ours;
            try
            {
                ours = got.IsSuccessStatusCode
                    && System.Text.Json.Nodes.JsonNode.Parse(sent) is System.Text.Json.Nodes.JsonObject mine
                    && System.Text.Json.Nodes.JsonNode.Parse(body) is System.Text.Json.Nodes.JsonObject theirs
                    && CreateRetry.IsOurs(mine, theirs, CreateRetry.ByServerClock(firstAttempt, conflict, answeredAt), CreateRetry.FieldManagerOf(create.RequestUri));
            }
            catch (System.Text.Json.JsonException) { ours = false; }
            if (RequestLog.Enabled)
                RequestLog.Write($"GET {uri.PathAndQuery} {(int)got.StatusCode} {got.ReasonPhrase} {one.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms; "
                    + (ours ? "the create sent again met AlreadyExists and the object is the one sent: created" : "the existing object is not the one sent: AlreadyExists stands"));
            if (!ours) return conflict;
            conflict.Dispose();
            return CreateRetry.Created(create, body);
        }
    }

    private void Prepare(HttpRequestMessage request)
    {
        request.Version = _http2 ? HttpVersion.Version20 : HttpVersion.Version11;
        request.VersionPolicy = _http2 ? HttpVersionPolicy.RequestVersionOrLower : HttpVersionPolicy.RequestVersionExact;
        // .NET takes the SNI name from the Host header; the certificate is checked against the same name.
        if (_tlsServerName is not null) request.Headers.Host = _tlsServerName;
    }

    private static HttpRequestMessage Copy(HttpRequestMessage original, byte[]? body)
    {
        var copy = new HttpRequestMessage(original.Method, original.RequestUri);
        foreach (var (name, values) in original.Headers)
            if (!name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)) copy.Headers.TryAddWithoutValidation(name, values);
        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var (name, values) in original.Content!.Headers) copy.Content.Headers.TryAddWithoutValidation(name, values);
        }
        return copy;
    }

    /// <summary>Watches, followed logs and upgrades (exec, attach, port-forward) run as long as the caller wants.</summary>
    private static bool IsStream(Uri? uri)
    {
        var query = uri?.Query ?? "";
        return query.Contains("watch=true", StringComparison.Ordinal) || query.Contains("watch=1", StringComparison.Ordinal)
            || query.Contains("follow=true", StringComparison.Ordinal) || uri?.AbsolutePath.Contains("/watch/", StringComparison.Ordinal) == true
            || uri?.AbsolutePath.EndsWith("/exec", StringComparison.Ordinal) == true || uri?.AbsolutePath.EndsWith("/attach", StringComparison.Ordinal) == true
            || uri?.AbsolutePath.EndsWith("/portforward", StringComparison.Ordinal) == true;
    }

    /// <summary>"GET /api/v1/namespaces/default/pods?limit=500 200 OK 12 ms": never a body or a header (they carry tokens and secret data).</summary>
    private static void Log(HttpRequestMessage request, HttpResponseMessage? response, Exception? failure, bool timedOut, TimeSpan took, RetryDecision decision)
    {
        if (!RequestLog.Enabled) return;
        var outcome = response is not null ? $"{(int)response.StatusCode} {response.ReasonPhrase}"
            : timedOut ? "timed out"
            : RetryPolicy.IsRefused(failure) ? "connection refused"
            : $"failed: {RetryPolicy.Find<HttpRequestException>(failure)?.HttpRequestError.ToString() ?? failure?.GetType().Name}";
        var retry = decision.Retry ? $"; retrying in {decision.Delay.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms ({decision.Why})" : "";
        RequestLog.Write($"{request.Method} {request.RequestUri?.PathAndQuery} {outcome} {took.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms{retry}");
    }
}
