using K8sPS.Engine.Resources;
namespace K8sPS.Engine.Rollouts;

/// <summary>
/// What a rollout command did to one object, as kubectl reports it: <c>deployment.apps/web image updated</c>,
/// <c>... rolled back</c>, <c>... skipped rollback (current template already matches revision 2)</c>,
/// <c>... restarted</c>, <c>... paused</c>, <c>... scaled</c>, <c>... edited</c>; with " (server dry run)" when
/// it was only tried (-WhatIf).
/// </summary>
/// <param name="TypeName">kubectl's printed type: deployment.apps, pod.</param>
/// <param name="Action">kubectl's word for what happened.</param>
/// <param name="Object">The object as the server answered (a KubernetesClient model, or JSON for other kinds); null when nothing was sent.</param>
public sealed record RolloutChange(string Kind, string TypeName, string Name, string? Namespace, string Action, object? Object)
{
    /// <summary>True when the change was a server dry run and nothing was stored.</summary>
    public bool DryRun { get; init; }

    /// <summary>What changed, in words (the containers and images, the revision, the replica count).</summary>
    public string? Detail { get; init; }

    public override string ToString() => $"{TypeName}/{Name} {Action}{(DryRun ? " (server dry run)" : "")}";
}
