using System.Management.Automation;
using K8sPS.Engine.Errors;

namespace K8sPS.Infrastructure;

/// <summary>Turns Engine errors into ErrorRecords: stable id, fitting category, the object as target.</summary>
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
        _ => ErrorCategory.InvalidOperation,
    };

    /// <summary>The record for <paramref name="exception"/> about <paramref name="target"/> (the input object, or its name).</summary>
    public static ErrorRecord From(Exception exception, object? target, string? kind = null, string? name = null, string? ns = null, string? server = null)
    {
        var k8s = ErrorMapper.ToException(exception, kind, name, ns, server);
        var error = k8s.Error;
        var record = new ErrorRecord(k8s, error.ErrorId, CategoryOf(error.Category), target ?? error.Name)
        {
            ErrorDetails = new ErrorDetails(error.FullMessage),
        };
        if (error.RecommendedAction is { } action) record.ErrorDetails.RecommendedAction = action;
        // Shown by the default error view: "ObjectNotFound: (web:String) [Get-K8sPod], K8sException"
        record.CategoryInfo.Reason = error.ErrorId;
        return record;
    }
}
