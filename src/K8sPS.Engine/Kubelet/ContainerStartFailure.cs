using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Kubelet;

/// <summary>
/// Why the kubelet would not start the container, as its status would say: the waiting reason (e.g.
/// CreateContainerConfigError, or ContainerCreating for a volume that cannot be mounted), the kubelet's message,
/// and which part of the pod spec led to it.
/// </summary>
/// <param name="Reason">The container's waiting reason.</param>
/// <param name="Message">The kubelet's error text (e.g. secret "db" not found).</param>
/// <param name="Field">The pod spec path at fault, e.g. spec.containers[0].env[2].</param>
/// <param name="Event">The event the kubelet records for it.</param>
public sealed record ContainerStartFailure(string Reason, string Message, string Field, KubeletEvent Event)
{
    public const string CreateContainerConfigError = "CreateContainerConfigError";
    public const string ContainerCreating = "ContainerCreating";

    /// <summary>The failure as a K8sError, naming the pod and the field.</summary>
    public K8sError ToError(string podName, string? ns) => new(Reason,
        Message.Contains("not found", StringComparison.Ordinal) || Message.Contains("couldn't find", StringComparison.Ordinal) || Message.Contains("non-existent", StringComparison.Ordinal)
            ? K8sErrorCategory.NotFound : K8sErrorCategory.InvalidArgument,
        $"{Message} ({Field}); the container would wait in {Reason}")
    {
        Kind = "Pod",
        Name = podName,
        Namespace = ns,
        RecommendedAction = "Create what is missing, correct the reference, or mark it optional: true.",
    };

    public override string ToString() => $"{Reason}: {Message} ({Field})";
}
