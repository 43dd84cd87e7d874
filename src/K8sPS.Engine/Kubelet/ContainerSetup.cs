namespace K8sPS.Engine.Kubelet;

/// <summary>
/// What the kubelet sets up for one container before it starts: its environment and the files of its mounts, and
/// the first reason it would not start, in the kubelet's order (volumes are mounted before the pod's containers are
/// created, so a volume that cannot be set up comes first; then the environment; then the container's mounts).
/// </summary>
/// <param name="Environment">The variables, as <see cref="PodEnvironment"/> computes them.</param>
/// <param name="Files">The mounts and their files, as <see cref="ProjectedFiles"/> lays them out.</param>
/// <param name="IsInitContainer">True for an init container.</param>
/// <param name="StartedAt">When the container started, if it did: the services that existed then are the ones linked.</param>
public sealed record ContainerSetup(ContainerEnvironment Environment, ContainerFiles Files, bool IsInitContainer, DateTime? StartedAt)
{
    public string ContainerName => Environment.ContainerName;

    public ContainerStartFailure? Failure =>
        Files.Failure is { Reason: ContainerStartFailure.ContainerCreating } volume ? volume : Environment.Failure ?? Files.Failure;
}
