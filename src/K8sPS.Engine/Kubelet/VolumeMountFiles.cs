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
