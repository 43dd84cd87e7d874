using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Metrics;

/// <summary>
/// What `kubectl autoscale` is pointed at: TYPE NAME or TYPE/NAME, the type as kubectl users write it
/// (deployment, deploy, deployments.apps, sts, rs, rc...). Read here without asking the server, so bad
/// input is refused before anything is sent.
/// </summary>
public sealed record ScaleTarget(string Kind, string Name)
{
    private static readonly Dictionary<string, string> KindsByWord = new(StringComparer.OrdinalIgnoreCase)
    {
        ["deployment"] = "Deployment", ["deployments"] = "Deployment", ["deploy"] = "Deployment", ["deployments.apps"] = "Deployment", ["deployment.apps"] = "Deployment",
        ["replicaset"] = "ReplicaSet", ["replicasets"] = "ReplicaSet", ["rs"] = "ReplicaSet", ["replicasets.apps"] = "ReplicaSet", ["replicaset.apps"] = "ReplicaSet",
        ["statefulset"] = "StatefulSet", ["statefulsets"] = "StatefulSet", ["sts"] = "StatefulSet", ["statefulsets.apps"] = "StatefulSet", ["statefulset.apps"] = "StatefulSet",
        ["replicationcontroller"] = "ReplicationController", ["replicationcontrollers"] = "ReplicationController", ["rc"] = "ReplicationController",
    };

    /// <summary>The kind a word names (Deployment for "deploy"), or null when it names none that can be autoscaled.</summary>
    public static string? KindOf(string? word) => word is not null && KindsByWord.TryGetValue(word.Trim(), out var kind) ? kind : null;

    /// <summary>
    /// "web" (of <paramref name="defaultKind"/>), "deployment/web" or "sts/db"; a kind from the text wins over the default.
    /// A kind that cannot be autoscaled is kubectl's NotScalable error, naming it.
    /// </summary>
    public static ScaleTarget Parse(string text, string? defaultKind = "Deployment")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var (word, name) = slash < 0 ? (defaultKind ?? "Deployment", text) : (text[..slash], text[(slash + 1)..]);
        if (name.Length == 0)
            throw new K8sException(new K8sError("InvalidTarget", K8sErrorCategory.InvalidArgument,
                $"'{text}' names no object: give TYPE/NAME (deployment/web) or a name")
            { RecommendedAction = "Name the workload to autoscale, e.g. New-K8sHorizontalPodAutoscaler deployment/web -Max 5." });
        var kind = KindOf(word) ?? throw NotScalable(word, name);
        return new ScaleTarget(kind, name);
    }

    /// <summary>The kinds with a scale subresource, as kubectl autoscale accepts them.</summary>
    public static IReadOnlyList<string> Kinds => [.. HpaGenerator.ScalableKinds.Keys];

    private static K8sException NotScalable(string word, string name) =>
        new(new K8sError("NotScalable", K8sErrorCategory.InvalidArgument,
            $"cannot autoscale a {word}: only {string.Join(", ", HpaGenerator.ScalableKinds.Keys)} have a scale subresource")
        {
            Kind = word,
            Name = name,
            RecommendedAction = "Autoscale the Deployment, ReplicaSet, StatefulSet or ReplicationController that owns the pods.",
        });

    public override string ToString() => $"{Kind.ToLowerInvariant()}/{Name}";
}
