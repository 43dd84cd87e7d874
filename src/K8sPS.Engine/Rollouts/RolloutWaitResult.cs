namespace K8sPS.Engine.Rollouts;

/// <summary>
/// How a rollout ended, as <c>kubectl rollout status</c> last saw it: its message (<c>deployment "web"
/// successfully rolled out</c>), the revision, the replica counts, how long the wait took, and the object.
/// </summary>
/// <param name="Revision">The Deployment's revision annotation, or the StatefulSet's/DaemonSet's observed generation; null when not known.</param>
/// <param name="Replicas">Wanted replicas (desired pods for a DaemonSet).</param>
public sealed record RolloutWaitResult(
    string Kind,
    string Name,
    string Namespace,
    string Message,
    bool Done,
    long? Revision,
    int? Replicas,
    int UpdatedReplicas,
    int ReadyReplicas,
    int AvailableReplicas,
    TimeSpan Elapsed,
    object Object)
{
    public override string ToString() => Message;
}
