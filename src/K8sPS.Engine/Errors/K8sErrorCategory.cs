namespace K8sPS.Engine.Errors;

/// <summary>
/// What kind of failure happened, free of any PowerShell type so the Engine stays host-neutral.
/// The cmdlet layer maps each value to one ErrorCategory.
/// </summary>
public enum K8sErrorCategory
{
    /// <summary>The object (or context) does not exist.</summary>
    NotFound,
    /// <summary>An object of that name already exists.</summary>
    AlreadyExists,
    /// <summary>The input was rejected, by us before sending or by the server (Invalid, BadRequest).</summary>
    InvalidArgument,
    /// <summary>The server understood but refuses (Forbidden).</summary>
    PermissionDenied,
    /// <summary>Credentials missing, expired or refused (Unauthorized), or an exec plugin failed.</summary>
    AuthenticationFailed,
    /// <summary>The object changed underneath (resourceVersion conflict).</summary>
    Conflict,
    /// <summary>No connection: refused, DNS, timeout before an answer.</summary>
    ServerUnreachable,
    /// <summary>TLS failed: untrusted certificate, wrong host name.</summary>
    TlsFailure,
    /// <summary>The kubeconfig cannot be read or does not say how to connect.</summary>
    InvalidConfiguration,
    /// <summary>The server took too long or asked us to slow down.</summary>
    Timeout,
    /// <summary>The server (or this kind) does not support the operation.</summary>
    NotSupported,
    /// <summary>The server failed (5xx, InternalError).</summary>
    ServerError,
    /// <summary>The operation was cancelled by the user (Ctrl+C).</summary>
    Cancelled,
    /// <summary>A manifest's text cannot be read as YAML or JSON.</summary>
    ParseError,
    /// <summary>Something needed is taken (a port) or out of reach for now.</summary>
    ResourceUnavailable,
    /// <summary>A program or binary K8sPS needs is not installed.</summary>
    NotInstalled,
    /// <summary>A file or folder could not be read or written.</summary>
    IOFailure,
    /// <summary>An operation of K8sPS's own (starting or stopping a local cluster) failed.</summary>
    OperationFailed,
}
