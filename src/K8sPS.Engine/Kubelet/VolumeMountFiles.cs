namespace K8sPS.Engine.Kubelet;

/// <summary>
/// One volumeMount of a container and the files it shows: for secret, configMap, projected and downwardAPI
/// volumes, the files the kubelet writes (items, defaultMode, per-item mode, fsGroup honoured, subPath applied);
/// for other volume types no files (their content is not the kubelet's to compute).
/// </summary>
/// <param name="VolumeName">The volume's name.</param>
/// <param name="VolumeType">secret, configMap, projected, downwardAPI, or the other type's field name (emptyDir ...).</param>
/// <param name="MountPath">Where it is mounted in the container.</param>
/// <param name="SubPath">The subPath (subPathExpr expanded), or null.</param>
/// <param name="ReadOnly">The kubelet mounts these four types read-only whatever the mount says.</param>
/// <param name="ReceivesUpdates">False with a subPath: such a mount keeps the content it started with.</param>
/// <param name="Files">The files, sorted by path.</param>
/// <param name="Notes">What is worth knowing (optional sources missing, a subPath that names nothing).</param>
/// <param name="Failure">Why the volume cannot be set up or mounted, which keeps the container from starting.</param>
public sealed record VolumeMountFiles(
    string VolumeName,
    string VolumeType,
    string MountPath,
    string? SubPath,
    bool ReadOnly,
    bool ReceivesUpdates,
    IReadOnlyList<ProjectedFile> Files,
    IReadOnlyList<string> Notes,
    ContainerStartFailure? Failure);

/// <summary>The mounts of one container and the files in them; <see cref="Failure"/> is the first reason it would not start.</summary>
public sealed record ContainerFiles(string PodName, string Namespace, string ContainerName, IReadOnlyList<VolumeMountFiles> Mounts)
{
    /// <summary>A volume that cannot be set up (the pod stays ContainerCreating) comes first, then mount errors.</summary>
    public ContainerStartFailure? Failure => Mounts.Select(m => m.Failure).Where(f => f is not null)
        .OrderBy(f => f!.Reason == ContainerStartFailure.ContainerCreating ? 0 : 1).FirstOrDefault();

    /// <summary>Every file the container sees through these mounts.</summary>
    public IEnumerable<ProjectedFile> AllFiles => Mounts.SelectMany(m => m.Files);
}
