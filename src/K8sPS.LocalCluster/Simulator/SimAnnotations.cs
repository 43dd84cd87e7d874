using K8sPS.Engine.Waits;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// The annotations (on a pod or its template) that steer what the simulated kubelet does with the pod,
/// and the one on a Node that stops its heartbeat. They are a stable interface: users' own tests of
/// runbooks set them, so names and values only ever grow. The README lists each with an example.
/// A key applies to every (non-init) container of the pod; the same key followed by "." and a
/// container's name applies to that container only (init containers included) and wins over it.
/// </summary>
public static class SimAnnotations
{
    public const string Prefix = "sim.k8sps.io/";

    /// <summary>An exit code 0-255: each run of the container ends with it (after <see cref="ExitAfter"/>).</summary>
    public const string ExitCode = Prefix + "exit-code";

    /// <summary>A duration: how long each run lasts before it exits (code from <see cref="ExitCode"/>, the command, else 0).</summary>
    public const string ExitAfter = Prefix + "exit-after";

    /// <summary>A duration: the liveness probe fails from this long after each start of the container.</summary>
    public const string LivenessFailsAfter = Prefix + "liveness-fails-after";

    /// <summary>A duration: the readiness probe fails from this long after each start of the container.</summary>
    public const string ReadinessFailsAfter = Prefix + "readiness-fails-after";

    /// <summary>A duration: how long the readiness probe keeps failing before it passes again (default: for good).</summary>
    public const string ReadinessFailsFor = Prefix + "readiness-fails-for";

    /// <summary>"not-found", "denied", or a duration the pull takes.</summary>
    public const string ImagePull = Prefix + "image-pull";

    /// <summary>A duration: how long the postStart hook runs.</summary>
    public const string PostStartDuration = Prefix + "post-start-duration";

    /// <summary>A duration: how long the preStop hook runs.</summary>
    public const string PreStopDuration = Prefix + "pre-stop-duration";

    /// <summary>Text the container writes to its log when it starts (one line per line).</summary>
    public const string Log = Prefix + "log";

    /// <summary>A duration: the <see cref="Log"/> text is written again this often while the container runs.</summary>
    public const string LogEvery = Prefix + "log-every";

    /// <summary>On a Node (annotation or label), "stopped": the node's kubelet stops heartbeating and looking after its pods.</summary>
    public const string Heartbeat = Prefix + "heartbeat";

    public const string HeartbeatStopped = "stopped";

    /// <summary>Every pod key, for validation and the README.</summary>
    public static readonly IReadOnlyList<string> PodKeys =
    [
        ExitCode, ExitAfter, LivenessFailsAfter, ReadinessFailsAfter, ReadinessFailsFor, ImagePull,
        PostStartDuration, PreStopDuration, Log, LogEvery,
    ];

    /// <summary>
    /// A duration in an annotation: Go's syntax (30s, 1m30s, 500ms) as in every other Kubernetes duration, or a
    /// bare number of seconds; never negative.
    /// </summary>
    public static bool TryDuration(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (double.TryParse(text.Trim(), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }
        return GoDuration.TryParse(text, out value) && value >= TimeSpan.Zero;
    }

    /// <summary>
    /// The value of <paramref name="key"/> for one container: "key.container" first, then, for a
    /// container that is not an init container, "key" itself. Null when neither is set.
    /// </summary>
    public static string? ValueFor(IDictionary<string, string>? annotations, string key, string container, bool isInit)
    {
        if (annotations is null || annotations.Count == 0) return null;
        if (annotations.TryGetValue(key + "." + container, out var own)) return own;
        return !isInit && annotations.TryGetValue(key, out var shared) ? shared : null;
    }

    /// <summary>True when the pod has any annotation of ours: a plain pod skips every lookup.</summary>
    public static bool AnyOn(IDictionary<string, string>? annotations) =>
        annotations is { Count: > 0 } && annotations.Keys.Any(k => k.StartsWith(Prefix, StringComparison.Ordinal));

    /// <summary>Annotations with our prefix that name no behaviour (a typo, say), to report rather than ignore silently.</summary>
    public static IEnumerable<string> UnknownKeys(IDictionary<string, string>? annotations, IEnumerable<string> containerNames)
    {
        if (annotations is null) yield break;
        var names = containerNames.ToHashSet(StringComparer.Ordinal);
        foreach (var key in annotations.Keys.Where(k => k.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            // Keys of others under the same prefix (metrics) are theirs to check.
            if (key is Prefix + "cpu" or Prefix + "memory" || key.StartsWith(Prefix + "cpu.", StringComparison.Ordinal) || key.StartsWith(Prefix + "memory.", StringComparison.Ordinal)) continue;
            if (PodKeys.Contains(key)) continue;
            var dot = key.IndexOf('.', Prefix.Length);
            if (dot > 0 && PodKeys.Contains(key[..dot]) && names.Contains(key[(dot + 1)..])) continue;
            yield return key;
        }
    }
}
