using K8sPS.Engine.Errors;

namespace K8sPS.Engine.LocalCluster;

/// <summary>
/// The local cluster's failures, in the one error vocabulary (K8sError): a stable id each, its category decided
/// here once, and the cluster (or the port, or the program) named as the object. The supervisor reports the same
/// ids on its stderr before it detaches (<see cref="ToStderrLine"/>), and the launcher reads them back.
/// </summary>
public static class LocalClusterErrors
{
    public const string InvalidNameId = "LocalClusterInvalidName";
    public const string InvalidNodeCountId = "LocalClusterInvalidNodeCount";
    public const string NotFoundId = "LocalClusterNotFound";
    public const string AlreadyRunningId = "LocalClusterAlreadyRunning";
    public const string PortInUseId = "LocalClusterPortInUse";
    public const string BinaryNotFoundId = "KubeBinaryNotFound";
    public const string SupervisorNotFoundId = "LocalClusterSupervisorNotFound";
    public const string StartFailedId = "LocalClusterStartFailed";
    public const string StartTimeoutId = "LocalClusterStartTimeout";
    public const string StopFailedId = "LocalClusterStopFailed";
    public const string StateUnreadableId = "LocalClusterStateUnreadable";
    public const string NotRunningId = "LocalClusterNotRunning";
    public const string InvalidFaultId = "LocalClusterInvalidFault";
    public const string FaultFailedId = "LocalClusterFaultFailed";
    public const string FaultTimeoutId = "LocalClusterFaultTimeout";

    /// <summary>The category of each id, wherever it is raised.</summary>
    public static K8sErrorCategory CategoryOf(string errorId) => errorId switch
    {
        InvalidNameId or InvalidNodeCountId => K8sErrorCategory.InvalidArgument,
        InvalidFaultId => K8sErrorCategory.InvalidArgument,
        NotRunningId => K8sErrorCategory.ResourceUnavailable,
        FaultTimeoutId => K8sErrorCategory.Timeout,
        NotFoundId => K8sErrorCategory.NotFound,
        AlreadyRunningId => K8sErrorCategory.AlreadyExists,
        PortInUseId => K8sErrorCategory.ResourceUnavailable,
        BinaryNotFoundId or SupervisorNotFoundId => K8sErrorCategory.NotInstalled,
        StartTimeoutId => K8sErrorCategory.Timeout,
        StateUnreadableId => K8sErrorCategory.IOFailure,
        _ => K8sErrorCategory.OperationFailed,
    };

    /// <summary>The exception for <paramref name="errorId"/> about <paramref name="target"/> (a cluster name, a port, a program).</summary>
    public static K8sException Create(string errorId, string target, string message, Exception? inner = null) =>
        new(new K8sError(errorId, CategoryOf(errorId), message) { Kind = "LocalCluster", Name = target }, inner);

    /// <summary>
    /// A failure no check classified (a file that could not be written, a program that would not run) during
    /// <paramref name="errorId"/>'s operation: that id, the cluster as the object, the reason as the message.
    /// </summary>
    public static K8sException Unexpected(Exception e, string errorId, string clusterName)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e is K8sException k ? k : Create(errorId, clusterName, $"local cluster '{clusterName}': {e.Message}", e);
    }

    /// <summary>"error &lt;ErrorId&gt; &lt;target&gt;: &lt;message&gt;", the supervisor's last line on stderr when it fails before detaching.</summary>
    public static string ToStderrLine(K8sError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return $"error {error.ErrorId} {error.Name ?? "-"}: {error.Message}";
    }

    /// <summary>The failure a supervisor reported on stderr (see <see cref="ToStderrLine"/>), or null when it wrote none.</summary>
    public static K8sException? FromStderr(string stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        var line = stderr.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("error ", StringComparison.Ordinal));
        if (line is null) return null;
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        var head = (colon > 0 ? line[..colon] : line).Split(' ', 3);
        var message = colon > 0 ? line[(colon + 2)..] : line;
        return Create(head.Length > 1 ? head[1] : StartFailedId, head.Length > 2 ? head[2] : "-", message);
    }
}
