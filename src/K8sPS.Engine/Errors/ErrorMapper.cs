using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using k8s.Autorest;
using k8s.Exceptions;

namespace K8sPS.Engine.Errors;

/// <summary>
/// Turns whatever a call threw (a Kubernetes Status, a socket error, a kubeconfig problem) into one
/// <see cref="K8sError"/>, so every cmdlet reports failures the same way.
/// </summary>
public static class ErrorMapper
{
    /// <summary>Maps <paramref name="exception"/>; kind/name/namespace say which object the call was about.</summary>
    public static K8sError Map(Exception exception, string? kind = null, string? name = null, string? ns = null, string? server = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var error = exception switch
        {
            K8sException k => k.Error,
            AggregateException { InnerExceptions.Count: 1 } a => Map(a.InnerExceptions[0], kind, name, ns, server),
            HttpOperationException h => FromStatus((int)h.Response.StatusCode, h.Response.Content, kind, name, ns),
            KubeConfigException c => new K8sError("InvalidKubeconfig", K8sErrorCategory.InvalidConfiguration,
                $"The kubeconfig cannot be used: {c.Message}") { RecommendedAction = "Check the file named by KUBECONFIG (or ~/.kube/config) with Get-K8sContext." },
            OperationCanceledException => new K8sError("Cancelled", K8sErrorCategory.Cancelled, "The operation was cancelled."),
            TimeoutException t => new K8sError("Timeout", K8sErrorCategory.Timeout, t.Message)
            {
                RecommendedAction = "The server is slow or stalled: check that it is healthy, then try again.",
            },
            HttpRequestException r => FromTransport(r, server),
            AuthenticationException t => Tls(t, server),
            UnauthorizedAccessException u => new K8sError("AccessDenied", K8sErrorCategory.PermissionDenied, u.Message),
            IOException io => new K8sError("IOError", K8sErrorCategory.IOFailure, io.Message),
            KubernetesClientException kc => new K8sError("ClientError", K8sErrorCategory.InvalidConfiguration, kc.Message),
            _ => new K8sError("UnexpectedError", K8sErrorCategory.ServerError, exception.Message),
        };
        // Keep what the server said but make sure the error names the object the user asked about.
        return error.Name is null && name is not null ? With(error, kind, name, ns) : error;
    }

    /// <summary>
    /// The exception to show the user: a <see cref="K8sException"/> whose inner exception is kept only
    /// when it is safe to show. A failed HTTP call's request (with its Authorization header) is dropped.
    /// </summary>
    public static K8sException ToException(Exception exception, string? kind = null, string? name = null, string? ns = null, string? server = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var error = Map(exception, kind, name, ns, server);
        if (exception is K8sException k && ReferenceEquals(k.Error, error)) return k;
        var inner = exception is HttpOperationException or K8sException ? null : exception;
        return new K8sException(error, inner);
    }

    /// <summary>Maps an HTTP status code and the body the server sent (normally a JSON Status).</summary>
    public static K8sError FromStatus(int code, string? body, string? kind = null, string? name = null, string? ns = null)
    {
        var status = ParseStatus(body);
        if (UndeclaredFields(status.Message) is { Count: > 0 } undeclared)
            return new K8sError("UnknownField", K8sErrorCategory.InvalidArgument, status.Message!)
            {
                Reason = status.Reason,
                StatusCode = code,
                Kind = status.Kind ?? kind,
                Name = status.Name ?? name,
                Namespace = ns,
                Causes = undeclared.Select(f => new K8sErrorCause(f, "FieldNotDeclared", $"unknown field '{f[(f.LastIndexOf('.') + 1)..]}': the schema has no such field")).ToList(),
                RecommendedAction = "Remove the field or correct its spelling; a custom resource takes only the fields its CRD's schema declares.",
            };
        var reason = status.Reason;
        if (string.IsNullOrEmpty(reason)) reason = ReasonForCode(code);
        var message = string.IsNullOrWhiteSpace(status.Message)
            ? $"The server answered {code} ({reason}){Describe(kind, name, ns, " for ")}."
            : status.Message!;
        return new K8sError(reason, CategoryFor(reason, code), message)
        {
            Reason = status.Reason,
            StatusCode = code,
            Kind = status.Kind ?? kind,
            Name = status.Name ?? name,
            Namespace = ns,
            Causes = status.Causes,
            RecommendedAction = ActionFor(reason),
        };
    }

    // Server-side apply refuses a field the type's schema lacks (a CRD's schema, or a built-in type) with a plain
    // message and no causes (ServerApplyDefects.IsSchemaRefusal), one ".spec.x: field not declared in schema" per
    // field. The fields are what the user needs, to find the line.
    private static readonly System.Text.RegularExpressions.Regex UndeclaredField =
        new(@"(?:^|[:\s])\.(?<field>[^\s:]+): field not declared in schema", System.Text.RegularExpressions.RegexOptions.Multiline);

    internal static List<string> UndeclaredFields(string? message) =>
        message is null || !message.Contains("field not declared in schema", StringComparison.Ordinal) ? []
            : UndeclaredField.Matches(message).Select(m => m.Groups["field"].Value).Distinct().ToList();

    /// <summary>The category for a Kubernetes Status reason (metav1.StatusReason), falling back to the HTTP code.</summary>
    public static K8sErrorCategory CategoryFor(string reason, int code) => reason switch
    {
        "NotFound" => K8sErrorCategory.NotFound,
        "AlreadyExists" => K8sErrorCategory.AlreadyExists,
        "Invalid" or "BadRequest" or "RequestEntityTooLarge" or "UnsupportedMediaType" => K8sErrorCategory.InvalidArgument,
        "Forbidden" => K8sErrorCategory.PermissionDenied,
        "Unauthorized" => K8sErrorCategory.AuthenticationFailed,
        "Conflict" => K8sErrorCategory.Conflict,
        "Timeout" or "ServerTimeout" or "TooManyRequests" => K8sErrorCategory.Timeout,
        "MethodNotAllowed" or "NotAcceptable" => K8sErrorCategory.NotSupported,
        "Gone" or "Expired" => K8sErrorCategory.Conflict,
        "ServiceUnavailable" => K8sErrorCategory.ServerUnreachable,
        "InternalError" => K8sErrorCategory.ServerError,
        _ => code switch
        {
            400 or 422 => K8sErrorCategory.InvalidArgument,
            401 => K8sErrorCategory.AuthenticationFailed,
            403 => K8sErrorCategory.PermissionDenied,
            404 => K8sErrorCategory.NotFound,
            405 or 406 => K8sErrorCategory.NotSupported,
            409 => K8sErrorCategory.Conflict,
            429 or 504 => K8sErrorCategory.Timeout,
            503 => K8sErrorCategory.ServerUnreachable,
            _ => K8sErrorCategory.ServerError,
        },
    };

    private static string ReasonForCode(int code) => code switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        409 => "Conflict",
        410 => "Gone",
        422 => "Invalid",
        429 => "TooManyRequests",
        500 => "InternalError",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => "Http" + code,
    };

    private static string? ActionFor(string reason) => reason switch
    {
        "Unauthorized" => "The credentials of this context were refused: renew them (token, client certificate or exec plugin).",
        "Forbidden" => "Ask for RBAC permission, or use a context whose user has it.",
        "Conflict" => "The object changed since it was read: read it again and retry.",
        _ => null,
    };

    private sealed record StatusInfo(string? Reason, string? Message, string? Kind, string? Name, IReadOnlyList<K8sErrorCause> Causes);

    /// <summary>Reads a metav1.Status by hand: tolerant of partial or non-JSON bodies (proxies answer HTML).</summary>
    private static StatusInfo ParseStatus(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return new(null, null, null, null, []);
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new(null, null, null, null, []);
            var causes = new List<K8sErrorCause>();
            string? kind = null, name = null;
            if (root.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object)
            {
                kind = Str(details, "kind");
                name = Str(details, "name");
                if (details.TryGetProperty("causes", out var list) && list.ValueKind == JsonValueKind.Array)
                    foreach (var c in list.EnumerateArray())
                        causes.Add(new K8sErrorCause(Str(c, "field"), Str(c, "reason"), Str(c, "message") ?? ""));
            }
            return new(Str(root, "reason"), Str(root, "message"), kind, name, causes);
        }
        catch (JsonException)
        {
            // Not a Status: show a short, single-line excerpt rather than nothing.
            var text = body.ReplaceLineEndings(" ").Trim();
            return new(null, text.Length > 200 ? text[..200] + "..." : text, null, null, []);
        }

        static string? Str(JsonElement e, string property)
            => e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    private static K8sError FromTransport(HttpRequestException exception, string? server)
    {
        var where = server is null ? "the Kubernetes API server" : server;
        if (Find<AuthenticationException>(exception) is { } tls) return Tls(tls, server);
        var socket = Find<SocketException>(exception);
        if (exception.HttpRequestError == HttpRequestError.ResponseEnded)
            return new K8sError("ConnectionClosed", K8sErrorCategory.ServerError, $"{where} closed the connection while handling the request; see the apiserver log.")
            {
                RecommendedAction = "The server failed while handling this request (its log has the reason); other requests may still work.",
            };
        var why = socket?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host name not found",
            SocketError.TimedOut => "connection timed out",
            SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
            _ => exception.InnerException?.Message ?? exception.Message,
        };
        return new K8sError("ServerUnreachable", K8sErrorCategory.ServerUnreachable, $"Cannot reach {where}: {why}.")
        {
            StatusCode = exception.StatusCode is HttpStatusCode c ? (int)c : null,
            RecommendedAction = "Check that the cluster is running and that the context points at it (Get-K8sContext).",
        };
    }

    private static K8sError Tls(AuthenticationException exception, string? server)
        => new("TlsFailure", K8sErrorCategory.TlsFailure,
            $"The TLS connection to {server ?? "the Kubernetes API server"} failed: {exception.Message}")
        {
            RecommendedAction = "Check the context's server URL, tls-server-name and certificate-authority (Get-K8sContext): the certificate must be the API server's and name the server as the kubeconfig does.",
        };

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
            if (e is T t) return t;
        return null;
    }

    private static K8sError With(K8sError e, string? kind, string name, string? ns) => new(e.ErrorId, e.Category, e.Message)
    {
        Reason = e.Reason,
        StatusCode = e.StatusCode,
        Kind = e.Kind ?? kind,
        Name = name,
        Namespace = e.Namespace ?? ns,
        Causes = e.Causes,
        RecommendedAction = e.RecommendedAction,
    };

    private static string Describe(string? kind, string? name, string? ns, string prefix)
        => name is null ? "" : $"{prefix}{(kind is null ? "" : kind.ToLowerInvariant() + " ")}\"{name}\"{(ns is null ? "" : $" in namespace \"{ns}\"")}";
}
