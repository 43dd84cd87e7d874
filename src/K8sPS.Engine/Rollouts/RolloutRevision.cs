using k8s.Models;

namespace K8sPS.Engine.Rollouts;

/// <summary>One container of a revision's template and the image it runs.</summary>
public sealed record ContainerImage(string Name, string? Image, bool IsInitContainer);

/// <summary>
/// One revision of a rollout, as <c>kubectl rollout history</c> knows it: for a Deployment one of its
/// ReplicaSets (revision from the deployment.kubernetes.io/revision annotation), for a StatefulSet or
/// DaemonSet one of its ControllerRevisions (the revision field).
/// </summary>
/// <param name="Revision">The revision number; 0 for a ReplicaSet without the annotation, as kubectl counts it.</param>
/// <param name="ChangeCause">The kubernetes.io/change-cause annotation of the ReplicaSet or ControllerRevision, or null.</param>
/// <param name="Images">Every container (init containers first) with its image.</param>
/// <param name="TemplateHash">pod-template-hash of the ReplicaSet, or the ControllerRevision's hash label.</param>
/// <param name="SourceKind">ReplicaSet or ControllerRevision.</param>
/// <param name="SourceName">The name of that ReplicaSet or ControllerRevision.</param>
/// <param name="Template">The pod template of that revision.</param>
public sealed record RolloutRevision(
    long Revision,
    string? ChangeCause,
    IReadOnlyList<ContainerImage> Images,
    string? TemplateHash,
    string SourceKind,
    string SourceName,
    V1PodTemplateSpec Template)
{
    internal static IReadOnlyList<ContainerImage> ImagesOf(V1PodTemplateSpec? template)
        => [.. (template?.Spec?.InitContainers ?? []).Select(c => new ContainerImage(c.Name, c.Image, true)),
            .. (template?.Spec?.Containers ?? []).Select(c => new ContainerImage(c.Name, c.Image, false))];
}
