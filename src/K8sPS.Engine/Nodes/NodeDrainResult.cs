namespace K8sPS.Engine.Nodes;

/// <summary>A drained node: the pods evicted (or deleted) and gone, those left on purpose, and kubectl's warning line.</summary>
public sealed record NodeDrainResult(string Node, IReadOnlyList<string> Evicted, IReadOnlyList<string> Ignored, string Warnings);
