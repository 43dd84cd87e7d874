using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using K8sPS.Engine.Versions;

namespace K8sPS.Engine.Connection;

/// <summary>What to do after one attempt of a request: try again after <see cref="Delay"/>, or not, and why.</summary>
public readonly record struct RetryDecision(bool Retry, TimeSpan Delay, string Why);

/// <summary>
/// The one retry policy of every request K8sPS and the local cluster's simulator send. Retried, within a
/// time budget: a refused connection or a 429 (honouring Retry-After) whatever the verb, since the server has
/// not acted on it; a 5xx, a reset or closed connection and a timeout only for idempotent requests, since the
/// server may have acted on them (a connection the server closes while handling the request, once: the second time
/// the request is what fails), and for a create that names its object, whose repeat is checked (<see cref="CreateRetry"/>). A connection refused by a server that never answered this client is not
/// retried: nothing is there (kubectl fails at once too); one that answered before is coming back (a restart). A 500 that
/// refuses an apply's body is not retried either: it is the server's answer, as kubectl reports it.
/// </summary>
public sealed class RetryPolicy
{
    public RetryPolicy(TimeSpan budget, TimeSpan? firstDelay = null, TimeSpan? maxDelay = null)
    {
        Budget = budget;
        FirstDelay = firstDelay ?? TimeSpan.FromMilliseconds(200);
        MaxDelay = maxDelay ?? TimeSpan.FromSeconds(3);
    }

    /// <summary>The policy with <see cref="ConnectionSettings.RetryBudget"/>.</summary>
    public static RetryPolicy Default => new(ConnectionSettings.RetryBudget);

    /// <summary>No retries at all.</summary>
    public static RetryPolicy None { get; } = new(TimeSpan.Zero);

    /// <summary>Retries stop once this much time has passed since the first attempt.</summary>
    public TimeSpan Budget { get; }
    public TimeSpan FirstDelay { get; }
    public TimeSpan MaxDelay { get; }

    /// <summary>
    /// True when the server's effect is the same however often it acts on the request: reads, PUT, DELETE, and
    /// patches other than JSON patch (whose "add to a list" is not).
    /// </summary>
    public static bool IsIdempotent(HttpMethod method, string? contentType)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Put || method == HttpMethod.Delete)
            return true;
        return method == HttpMethod.Patch && !string.Equals(contentType, "application/json-patch+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The decision after attempt <paramref name="attempt"/> (0-based) ended with <paramref name="response"/> or
    /// <paramref name="failure"/> (<paramref name="timedOut"/> when our own per-request timeout cancelled it),
    /// <paramref name="elapsed"/> after the first attempt started.
    /// </summary>
    public RetryDecision Decide(HttpMethod method, string? contentType, HttpResponseMessage? response, Exception? failure,
        bool timedOut, bool serverAnsweredBefore, int attempt, TimeSpan elapsed, string? path = null, bool checkedCreate = false, string? errorBody = null)
    {
        // A named create sent again meets AlreadyExists if the first one was stored, and that object is then checked to be ours.
        var idempotent = checkedCreate || IsIdempotent(method, contentType);
        string why;
        TimeSpan? asked = null;
        if (response is not null)
        {
            var code = (int)response.StatusCode;
            // A 429 to an eviction is a PodDisruptionBudget saying "not now", not an overloaded server: the drain
            // retries it on its own schedule and says which pod it waits for, so it must see the answer at once.
            if (code == 429 && method == HttpMethod.Post && path?.EndsWith("/eviction", StringComparison.Ordinal) == true)
                return new RetryDecision(false, TimeSpan.Zero, "429 from an eviction: a disruption budget's answer, for the drain to retry");
            if (code == 429)
            {
                why = "429 Too Many Requests";
                asked = RetryAfter(response.Headers.RetryAfter);
            }
            // A server-side apply of fields the schema does not have: 1.20 answers 500, not 4xx (kubectl reports it at once).
            else if (code == 500 && IsApply(contentType) && ServerApplyDefects.IsSchemaRefusal(errorBody))
                return new RetryDecision(false, TimeSpan.Zero, $"500 {ServerApplyDefects.SchemaRefusal}: the server's answer to the body, not a passing failure");
            else if (code is 500 or 502 or 503 or 504 && idempotent)
            {
                why = $"{code} {response.ReasonPhrase}";
                asked = RetryAfter(response.Headers.RetryAfter);
            }
            else return new RetryDecision(false, TimeSpan.Zero, $"{code}: not a passing failure");
        }
        else if (timedOut)
        {
            if (!idempotent) return new RetryDecision(false, TimeSpan.Zero, "timed out, and the server may have acted on it");
            why = "timed out";
        }
        else if (IsRefused(failure))
        {
            if (!serverAnsweredBefore) return new RetryDecision(false, TimeSpan.Zero, "connection refused by a server that never answered");
            why = "connection refused";
        }
        else if (IsBrokenConnection(failure))
        {
            if (!idempotent) return new RetryDecision(false, TimeSpan.Zero, "the connection broke, and the server may have acted on it");
            // A server that hangs up on the same request again is failing on that request (an apiserver panic), not restarting.
            if (attempt >= 1 && IsResponseEnded(failure)) return new RetryDecision(false, TimeSpan.Zero, "the server closed the connection while handling it, again");
            why = "the connection broke";
        }
        else return new RetryDecision(false, TimeSpan.Zero, failure?.GetType().Name ?? "no response");

        var delay = asked ?? Backoff(attempt);
        if (elapsed + delay > Budget) return new RetryDecision(false, TimeSpan.Zero, $"{why}; retry budget of {Budget.TotalSeconds:0} s spent");
        return new RetryDecision(true, delay, why);
    }

    /// <summary>A server-side apply: the one request whose 500 may be a refusal of its body (see <see cref="Decide"/>).</summary>
    public static bool IsApply(string? contentType) => string.Equals(contentType, "application/apply-patch+yaml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Exponential from <see cref="FirstDelay"/>, capped at <see cref="MaxDelay"/>, with jitter so many clients do not return together.</summary>
    internal TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, FirstDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 20)));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + Random.Shared.NextDouble() / 2));
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (wait is null) return null;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    internal static bool IsRefused(Exception? e) => Find<SocketException>(e)?.SocketErrorCode == SocketError.ConnectionRefused;

    /// <summary>Reset, aborted, or closed by the server before the whole response came.</summary>
    internal static bool IsBrokenConnection(Exception? e)
    {
        if (e is null || Find<System.Security.Authentication.AuthenticationException>(e) is not null) return false;
        if (Find<SocketException>(e) is { } s)
            return s.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown;
        return Find<HttpRequestException>(e)?.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.ConnectionError
            || (e is IOException && Find<HttpRequestException>(e) is null);
    }

    /// <summary>The server closed the connection after the request was sent and before its whole answer came.</summary>
    internal static bool IsResponseEnded(Exception? e) =>
        Find<HttpRequestException>(e)?.HttpRequestError == HttpRequestError.ResponseEnded || Find<HttpIOException>(e)?.HttpRequestError == HttpRequestError.ResponseEnded;

    internal static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
            if (e is T t) return t;
        return null;
    }
}
