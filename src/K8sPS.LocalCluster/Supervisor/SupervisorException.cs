using K8sPS.Engine.LocalCluster;

namespace K8sPS.LocalCluster.Supervisor;

/// <summary>
/// A failure the supervisor reports to the cmdlet that started it, on its stderr as
/// <c>error &lt;ErrorId&gt; &lt;target&gt;: &lt;message&gt;</c> before it detaches, or in state.json after.
/// The ids match the cmdlets' ErrorIds.
/// </summary>
internal sealed class SupervisorException(string errorId, string target, string message) : Exception(message)
{
    public const string AlreadyRunning = LocalClusterException.AlreadyRunningId;
    public const string PortInUse = LocalClusterException.PortInUseId;
    public const string MissingBinary = LocalClusterException.BinaryNotFoundId;

    public string ErrorId { get; } = errorId;
    public string Target { get; } = target;

    public string ToStderrLine() => $"error {ErrorId} {Target}: {Message}";
}
