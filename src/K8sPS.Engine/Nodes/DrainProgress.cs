namespace K8sPS.Engine.Nodes;

/// <summary>A step of a drain, as kubectl prints one line of it.</summary>
public enum DrainStep { Evicting, Deleting, Waiting, Evicted, Deleted, Failed }

/// <summary>
/// One thing that happened to one pod during a drain, with kubectl's text for it; <see cref="Done"/> and
/// <see cref="Total"/> count the pods that are gone, for a progress bar.
/// </summary>
public sealed record DrainProgress(DrainStep Step, string Node, string Pod, string Message, int Done, int Total);
