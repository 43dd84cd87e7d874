namespace K8sPS.Engine.Kubelet;

/// <summary>The mounts of one container and the files in them; <see cref="Failure"/> is the first reason it would not start.</summary>
public sealed record ContainerFiles(string PodName, string Namespace, string ContainerName, IReadOnlyList<VolumeMountFiles> Mounts)
{
    /// <summary>A volume that cannot be set up (the pod stays ContainerCreating) comes first, then mount errors.</summary>
    public ContainerStartFailure? Failure => Mounts.Select(m => m.Failure).Where(f => f is not null)
        .OrderBy(f => f!.Reason == ContainerStartFailure.ContainerCreating ? 0 : 1).FirstOrDefault();

    /// <summary>Every file the container sees through these mounts.</summary>
    public IEnumerable<ProjectedFile> AllFiles => Mounts.SelectMany(m => m.Files);
}
