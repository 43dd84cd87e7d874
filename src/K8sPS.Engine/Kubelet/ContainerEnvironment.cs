namespace K8sPS.Engine.Kubelet;

/// <summary>
/// The environment a container starts with, as the kubelet computes it, or why it would not start. Variables come
/// in a stable order: service links, then envFrom in order (each source's keys sorted), then env in order; a name
/// defined again is listed where its final definition is. (The kubelet itself hands the runtime an unordered map,
/// so no order is more real than another; no name appears twice.)
/// </summary>
public sealed record ContainerEnvironment
{
    public required string PodName { get; init; }

    public required string Namespace { get; init; }

    public required string ContainerName { get; init; }

    public IReadOnlyList<ContainerEnvVar> Variables { get; init; } = [];

    /// <summary>Events the kubelet records on the way (InvalidEnvironmentVariableNames for envFrom keys it skips).</summary>
    public IReadOnlyList<KubeletEvent> Events { get; init; } = [];

    /// <summary>What was left out without an event: optional sources or keys that do not exist.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Why the container would not start; null when it would. When set, <see cref="Variables"/> is empty.</summary>
    public ContainerStartFailure? Failure { get; init; }

    /// <summary>The variable named <paramref name="name"/>, or null.</summary>
    public ContainerEnvVar? this[string name] => Variables.FirstOrDefault(v => v.Name == name);
}
