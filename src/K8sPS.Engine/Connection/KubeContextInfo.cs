namespace K8sPS.Engine.Connection;

/// <summary>
/// One context of the merged kubeconfig, as Get-K8sContext shows it. Holds no secret values:
/// only how the user authenticates (<see cref="AuthMethod"/>), never with what.
/// </summary>
public sealed record KubeContextInfo(
    string Name,
    string? Cluster,
    string? User,
    string? Namespace,
    string? Server,
    string AuthMethod,
    bool IsCurrent,
    string SourceFile)
{
    /// <summary>The namespace used when no -Namespace is given: the context's, else "default" (as kubectl).</summary>
    public string EffectiveNamespace => string.IsNullOrEmpty(Namespace) ? "default" : Namespace;
}
