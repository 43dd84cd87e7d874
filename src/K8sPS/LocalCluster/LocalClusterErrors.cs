using System.Management.Automation;
using K8sPS.Engine.LocalCluster;

namespace K8sPS.LocalCluster;

/// <summary>Turns the Engine's local-cluster failures into ErrorRecords: stable id, fitting category, the object as target.</summary>
internal static class LocalClusterErrors
{
    public static ErrorRecord ToErrorRecord(LocalClusterException e) =>
        new(e, e.ErrorId, CategoryOf(e), e.Target);

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
