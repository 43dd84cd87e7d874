namespace K8sPS.Engine.Errors;

/// <summary>One field-level cause from a Kubernetes Status (e.g. Invalid: spec.replicas must be >= 0).</summary>
public sealed record K8sErrorCause(string? Field, string? Reason, string Message)
{
    public override string ToString() => string.IsNullOrEmpty(Field) ? Message : $"{Field}: {Message}";
}

/// <summary>
/// A failure described the way Kubernetes describes it (Status reason, message, causes), plus a stable
/// id for scripts to match on and a host-neutral category. Never carries secret values.
/// </summary>
public sealed class K8sError
{
    public K8sError(string errorId, K8sErrorCategory category, string message)
    {
        ErrorId = errorId;
        Category = category;
        Message = message;
    }

    /// <summary>Stable identifier: the Kubernetes reason (NotFound, AlreadyExists, Invalid, ...) or ours (ServerUnreachable, ContextNotFound, ...).</summary>
    public string ErrorId { get; }
    public K8sErrorCategory Category { get; }
    /// <summary>One readable sentence or two: the server's message when there is one.</summary>
    public string Message { get; }
    /// <summary>The Kubernetes Status reason as the server sent it, if it sent one.</summary>
    public string? Reason { get; init; }
    /// <summary>HTTP status code, if the server answered.</summary>
    public int? StatusCode { get; init; }
    public string? Kind { get; init; }
    public string? Name { get; init; }
    public string? Namespace { get; init; }
    public IReadOnlyList<K8sErrorCause> Causes { get; init; } = [];
    /// <summary>What the user can do about it, when we know.</summary>
    public string? RecommendedAction { get; init; }

    /// <summary>
    /// True when the connection failed rather than the request: no answer at all (refused, unreachable, TLS) or
    /// credentials refused (401). Every later request would fail the same way, so a command ends, with one error.
    /// </summary>
    public bool IsConnectionFailure => !FollowsConnectionFailure
        && (StatusCode == 401 || (StatusCode is null && Category is K8sErrorCategory.ServerUnreachable or K8sErrorCategory.TlsFailure));

    /// <summary>
    /// One object of a batch that failed because the connection failed on another (that one is the command's end): it
    /// is this object's own error, so every object is accounted for, and not a second end of the command.
    /// </summary>
    public bool FollowsConnectionFailure { get; init; }

    /// <summary>Message with the causes listed, one a line, as kubectl shows them.</summary>
    public string FullMessage => Causes.Count == 0 || Causes.All(c => Message.Contains(c.Message, StringComparison.Ordinal))
        ? Message
        : Message + Environment.NewLine + string.Join(Environment.NewLine, Causes.Select(c => "  " + c));

    public override string ToString() => $"{ErrorId}: {FullMessage}";
}
