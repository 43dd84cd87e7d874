using System.Management.Automation;
using K8sPS.Engine.Errors;

namespace K8sPS.Infrastructure;

/// <summary>
/// The one ErrorRecord factory: every error K8sPS writes or throws is a K8sException with a stable id (also the
/// ErrorRecord's), the category its K8sErrorCategory maps to here, and the object it is about as the target.
/// </summary>
internal static class K8sErrorRecords
{
    public static ErrorCategory CategoryOf(K8sErrorCategory category) => category switch
    {
        K8sErrorCategory.NotFound => ErrorCategory.ObjectNotFound,
        K8sErrorCategory.AlreadyExists => ErrorCategory.ResourceExists,
        K8sErrorCategory.InvalidArgument => ErrorCategory.InvalidArgument,
        K8sErrorCategory.PermissionDenied => ErrorCategory.PermissionDenied,
        K8sErrorCategory.AuthenticationFailed => ErrorCategory.AuthenticationError,
        K8sErrorCategory.Conflict => ErrorCategory.ResourceBusy,
        K8sErrorCategory.ServerUnreachable => ErrorCategory.ConnectionError,
        K8sErrorCategory.TlsFailure => ErrorCategory.SecurityError,
        K8sErrorCategory.InvalidConfiguration => ErrorCategory.InvalidData,
        K8sErrorCategory.Timeout => ErrorCategory.OperationTimeout,
        K8sErrorCategory.NotSupported => ErrorCategory.NotImplemented,
        K8sErrorCategory.ServerError => ErrorCategory.InvalidResult,
        K8sErrorCategory.Cancelled => ErrorCategory.OperationStopped,
        K8sErrorCategory.ParseError => ErrorCategory.ParserError,
        K8sErrorCategory.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
        K8sErrorCategory.NotInstalled => ErrorCategory.NotInstalled,
        K8sErrorCategory.IOFailure => ErrorCategory.ResourceUnavailable,
        K8sErrorCategory.OperationFailed => ErrorCategory.InvalidOperation,
        _ => ErrorCategory.InvalidOperation,
    };

    /// <summary>The record for <paramref name="exception"/> about <paramref name="target"/> (the input object, or its name).</summary>
    public static ErrorRecord From(Exception exception, object? target, string? kind = null, string? name = null, string? ns = null, string? server = null)
        => Build(ErrorMapper.ToException(exception, kind, name, ns, server), target);

    /// <summary>The record for an error the Engine or a cmdlet found itself.</summary>
    public static ErrorRecord From(K8sError error, object? target) => Build(new K8sException(error), target);

    private static ErrorRecord Build(K8sException exception, object? target)
    {
        var error = exception.Error;
        var record = new ErrorRecord(exception, error.ErrorId, CategoryOf(error.Category), target ?? error.Name)
        {
            ErrorDetails = new ErrorDetails(error.FullMessage),
        };
        if (error.RecommendedAction is { } action) record.ErrorDetails.RecommendedAction = action;
        // Shown by the default error view: "ObjectNotFound: (web:String) [Get-K8sPod], K8sException"
        record.CategoryInfo.Reason = error.ErrorId;
        return record;
    }
}
