using System.Net.Http;
using System.Net.Sockets;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Manifests;

namespace K8sPS.Engine.Apply;

/// <summary>
/// A request for one document that got no answer, as that document's error: which request, on which object, from
/// which file and line. A server that closed the connection while handling it (it panicked, say) was reachable,
/// so the other documents go on; only a failed connection (<see cref="K8sError.IsConnectionFailure"/>) ends the call.
/// </summary>
internal static class RequestFailures
{
    public static K8sError For(Exception exception, HttpMethod method, string pathAndQuery, ManifestDocument doc, string? ns)
    {
        var mapped = ErrorMapper.Map(exception, doc.Kind, doc.Name, ns);
        var closed = ClosedWhileHandling(exception);
        if (mapped.IsConnectionFailure && !closed) return mapped;
        var path = pathAndQuery.Split('?')[0];
        var request = $"{method.Method} {path}";
        var (id, message, action) = mapped.ErrorId switch
        {
            _ when closed => ("ConnectionClosed", $"the server closed the connection while handling {request}; see the apiserver log.",
                "The server failed while handling this request (its log says why); the other documents were still sent."),
            "Timeout" => (mapped.ErrorId, $"the server did not answer {request} in time: {mapped.Message}", mapped.RecommendedAction),
            _ => (mapped.ErrorId, $"{request} failed: {mapped.Message}", mapped.RecommendedAction),
        };
        var category = closed ? K8sErrorCategory.ServerError : mapped.Category;
        return new K8sError(id, category, $"{ManifestApplier.Where(doc)}: {doc.Display}: {message}")
        {
            Reason = mapped.Reason, StatusCode = mapped.StatusCode, Kind = doc.Kind, Name = doc.Name, Namespace = ns, RecommendedAction = action,
        };
    }

    /// <summary>
    /// An object of a batch never sent because the connection had failed on another one (the batch's one connection
    /// error): named on its own, so the output and the errors account for every object. <paramref name="about"/> says
    /// which ("file.yaml:7: ConfigMap/cm-1"); <paramref name="verb"/> is what to do again ("Apply").
    /// </summary>
    public static K8sError NotSent(string about, string? kind, string? name, string? ns, string verb) =>
        new("NotSent", K8sErrorCategory.ServerUnreachable,
            $"{about}: not sent: the server could not be reached (the connection error says why); nothing was done to this object.")
        {
            Kind = kind, Name = name, Namespace = ns, FollowsConnectionFailure = true,
            RecommendedAction = $"{verb} again once the server answers.",
        };

    /// <summary>
    /// An object in flight when the connection failed on another one: sent, with no answer, so whether the server
    /// acted on it is not known. Its own error, not a second end of the command.
    /// </summary>
    public static K8sError Unanswered(K8sError connectionFailure, string about, string? kind, string? name, string? ns, string verb) =>
        new(connectionFailure.ErrorId, connectionFailure.Category, $"{about}: no answer: {connectionFailure.Message} Whether the server acted on it is not known.")
        {
            Kind = kind, Name = name, Namespace = ns, FollowsConnectionFailure = true,
            RecommendedAction = $"{verb} again once the server answers (it is safe to repeat).",
        };

    /// <summary>True when the connection failed (no answer at all, TLS, credentials), not the one request: every later request would too.</summary>
    public static bool IsConnectionFailure(Exception exception) => !ClosedWhileHandling(exception) && ErrorMapper.Map(exception).IsConnectionFailure;

    /// <summary>
    /// The connection was up and the request sent, then the server hung up before its whole answer: the response
    /// ended early, or the connection was reset or aborted after it was established (not while connecting, which is a
    /// server that cannot be reached).
    /// </summary>
    internal static bool ClosedWhileHandling(Exception? exception)
    {
        HttpRequestError? outer = null;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded }:
                case HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded }:
                    return true;
                case HttpRequestException h:
                    outer ??= h.HttpRequestError;
                    break;
                case SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted }:
                    return outer is not (HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError or HttpRequestError.NameResolutionError);
            }
        }
        return false;
    }
}
