using System.Management.Automation;
using K8sPS.Engine.LocalCluster;

namespace K8sPS.LocalCluster;

/// <summary>Turns the Engine's local-cluster failures into ErrorRecords: stable id, fitting category, the object as target.</summary>
internal static class LocalClusterErrors
{
    public static ErrorRecord ToErrorRecord(LocalClusterException e) =>
        new(e, e.ErrorId, CategoryOf(e), e.Target);

    /// <summary>
    /// A failure the Engine did not classify (a file it could not read or write, a program that would
    /// not run): still a stable id for the operation, the cluster as target, and the reason as the message.
    /// </summary>
    public static ErrorRecord Unexpected(Exception e, string errorId, string clusterName) =>
        new(e, errorId, e is IOException or UnauthorizedAccessException ? ErrorCategory.WriteError : ErrorCategory.InvalidOperation, clusterName);

    private static ErrorCategory CategoryOf(LocalClusterException e) => e.ErrorId == LocalClusterException.StartTimeoutId
        ? ErrorCategory.OperationTimeout
        : e.Kind switch
        {
            LocalClusterErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
            LocalClusterErrorKind.NotFound => ErrorCategory.ObjectNotFound,
            LocalClusterErrorKind.AlreadyRunning => ErrorCategory.ResourceExists,
            LocalClusterErrorKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
            LocalClusterErrorKind.NotInstalled => ErrorCategory.NotInstalled,
            _ => ErrorCategory.InvalidOperation,
        };
}
