namespace K8sPS.Engine.Nodes;

/// <summary>
/// One requirement of a label selector written as kubectl writes them: <see cref="Operator"/> is In, NotIn, Exists,
/// DoesNotExist, Gt or Lt; <see cref="Equality"/> when it was written key=value (a pod selector's matchLabels).
/// </summary>
public sealed record SelectorRequirement(string Key, string Operator, IReadOnlyList<string> Values, bool Equality = false);
