namespace K8sPS.Engine.LocalCluster;

/// <summary>What kind of failure, so the cmdlets can pick an ErrorCategory without parsing text.</summary>
public enum LocalClusterErrorKind
{
    InvalidArgument,
    NotFound,
    AlreadyRunning,
    ResourceUnavailable,
    NotInstalled,
    StartFailed,
    StopFailed,
}

/// <summary>A local-cluster failure with a stable id (the cmdlets' ErrorId) and the object it concerns.</summary>
public sealed class LocalClusterException(string errorId, LocalClusterErrorKind kind, object target, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public const string InvalidName = "LocalClusterInvalidName";
    public const string NotFoundId = "LocalClusterNotFound";
    public const string AlreadyRunningId = "LocalClusterAlreadyRunning";
    public const string PortInUseId = "LocalClusterPortInUse";
    public const string BinaryNotFoundId = "KubeBinaryNotFound";
    public const string SupervisorNotFoundId = "LocalClusterSupervisorNotFound";
    public const string StartFailedId = "LocalClusterStartFailed";
    public const string StartTimeoutId = "LocalClusterStartTimeout";
    public const string StopFailedId = "LocalClusterStopFailed";

    public string ErrorId { get; } = errorId;
    public LocalClusterErrorKind Kind { get; } = kind;
    public object Target { get; } = target;
}
