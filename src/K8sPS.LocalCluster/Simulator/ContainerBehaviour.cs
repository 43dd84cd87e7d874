using System.Globalization;
using k8s.Models;
using K8sPS.Engine.Waits;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>How the image of a container comes to the node.</summary>
public enum ImagePullMode
{
    /// <summary>Already on the node (IfNotPresent or Never): "Container image ... already present on machine".</summary>
    Present,
    /// <summary>Pulled before the container starts (imagePullPolicy Always, or a pull time asked for).</summary>
    Pull,
    /// <summary>Every pull fails (<see cref="ContainerBehaviour.PullFailure"/>): ErrImagePull, then ImagePullBackOff.</summary>
    Fails,
    /// <summary>imagePullPolicy Never and the image is not there: ErrImageNeverPull.</summary>
    NeverPullMissing,
}

/// <summary>
/// Everything the simulated kubelet needs to know about one container, read once from the pod's spec,
/// its <see cref="SimAnnotations"/> and the <see cref="ImageCatalog"/>, with every duration already
/// in real time (pod seconds × <see cref="NodeSimulatorOptions.TimeScale"/>). Pure.
/// </summary>
public sealed record ContainerBehaviour
{
    public required string Name { get; init; }
    public required string? Image { get; init; }
    public required bool IsInit { get; init; }
    /// <summary>Position in spec.containers or spec.initContainers.</summary>
    public required int Index { get; init; }

    /// <summary>The code each run exits with, or null for a container that runs until it is stopped.</summary>
    public int? ExitCode { get; init; }
    /// <summary>How long each run lasts when <see cref="ExitCode"/> is set.</summary>
    public TimeSpan RunFor { get; init; }

    public ProbeTiming? Readiness { get; init; }
    public ProbeTiming? Liveness { get; init; }
    public TimeSpan? LivenessFailsAfter { get; init; }
    public TimeSpan? ReadinessFailsAfter { get; init; }
    public TimeSpan? ReadinessFailsFor { get; init; }

    public ImagePullMode Pull { get; init; }
    /// <summary>How long the first pull takes (later pulls of an Always policy take <see cref="NodeSimulatorOptions.ImagePullDuration"/>).</summary>
    public TimeSpan PullDuration { get; init; }
    /// <summary>imagePullPolicy Always: the kubelet pulls again at every start.</summary>
    public bool PullsEveryStart { get; init; }
    public ImagePullFailure? PullFailure { get; init; }

    /// <summary>How long the postStart hook runs (zero without one); the container is reported running only after it.</summary>
    public TimeSpan PostStart { get; init; }
    /// <summary>How long the preStop hook runs (zero without one), within the grace period.</summary>
    public TimeSpan PreStop { get; init; }
    public bool HasPreStop { get; init; }

    /// <summary>What the command plainly echoes, written once when the container starts.</summary>
    public IReadOnlyList<string> Echoes { get; init; } = [];
    /// <summary>The <see cref="SimAnnotations.Log"/> text, written when the container starts (and every <see cref="LogEvery"/>).</summary>
    public IReadOnlyList<string> LogLines { get; init; } = [];
    public TimeSpan? LogEvery { get; init; }

    /// <summary>spec.containers{name} or spec.initContainers{name}: the fieldPath of its events.</summary>
    public string FieldPath => IsInit ? $"spec.initContainers{{{Name}}}" : $"spec.containers{{{Name}}}";

    /// <summary>
    /// Reads the behaviour of <paramref name="container"/>. Values that cannot be read are reported in
    /// <paramref name="problems"/> and ignored, so a typo never stops a pod.
    /// </summary>
    public static ContainerBehaviour For(V1Pod pod, V1Container container, int index, bool isInit, ImageCatalog catalog,
        NodeSimulatorOptions options, string? podIp, ICollection<string> problems)
    {
        var annotations = SimAnnotations.AnyOn(pod.Metadata?.Annotations) ? pod.Metadata!.Annotations : null;
        var scale = options.TimeScale;
        string? Value(string key) => SimAnnotations.ValueFor(annotations, key, container.Name, isInit);
        TimeSpan? Duration(string key)
        {
            var text = Value(key);
            if (text is null) return null;
            if (SimAnnotations.TryDuration(text, out var d)) return TimeSpan.FromTicks((long)(d.Ticks * scale));
            problems.Add($"{KeyFor(key, container.Name, annotations)}: '{text}' is not a duration (such as 30s, 1m30s or 500ms); ignored");
            return null;
        }

        // How it ends.
        var ownedByJob = pod.Metadata?.OwnerReferences?.Any(o => o.Kind == "Job" && o.Controller == true) ?? false;
        int? exitCode = null;
        if (Value(SimAnnotations.ExitCode) is { } codeText)
        {
            if (int.TryParse(codeText, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code <= 255) exitCode = code;
            else problems.Add($"{KeyFor(SimAnnotations.ExitCode, container.Name, annotations)}: '{codeText}' is not an exit code (0-255); ignored");
        }
        var exitAfter = Duration(SimAnnotations.ExitAfter);
        exitCode ??= ContainerExit.KnownExitCode(container);
        if (exitCode is null && (exitAfter is not null || isInit || ownedByJob)) exitCode = 0;
        var sleepSeconds = isInit ? ContainerExit.SleepSeconds(ContainerExit.Words(container)) : null;
        var runFor = exitAfter
            ?? (sleepSeconds is { } s ? TimeSpan.FromSeconds(s * scale)
            : isInit ? options.InitContainerRunDuration : options.JobPodRunDuration);

        // The image.
        var policy = container.ImagePullPolicy ?? DefaultPullPolicy(container.Image);
        ImagePullFailure? failure = null;
        TimeSpan? pullTime = null;
        if (Value(SimAnnotations.ImagePull) is { } pullText)
        {
            switch (pullText.Trim().ToLowerInvariant())
            {
                case "not-found": failure = ImagePullFailure.NotFound; break;
                case "denied": failure = ImagePullFailure.Denied; break;
                default:
                    if (SimAnnotations.TryDuration(pullText, out var d)) pullTime = TimeSpan.FromTicks((long)(d.Ticks * scale));
                    else problems.Add($"{KeyFor(SimAnnotations.ImagePull, container.Name, annotations)}: '{pullText}' is neither not-found, denied nor a duration; ignored");
                    break;
            }
        }
        failure ??= pullTime is null ? catalog.Verdict(container.Image) : null;
        var mode = policy switch
        {
            "Never" => failure is null ? ImagePullMode.Present : ImagePullMode.NeverPullMissing,
            "Always" => failure is null ? ImagePullMode.Pull : ImagePullMode.Fails,
            _ => failure is not null ? ImagePullMode.Fails : pullTime is not null ? ImagePullMode.Pull : ImagePullMode.Present,
        };

        // Hooks.
        TimeSpan HookTime(V1LifecycleHandler? hook, string key, TimeSpan fallback)
        {
            if (hook is null) return TimeSpan.Zero;
            if (Duration(key) is { } asked) return asked;
            return ContainerExit.SleepSeconds(hook.Exec?.Command) is { } seconds ? TimeSpan.FromSeconds(seconds * scale) : fallback;
        }
        var postStart = HookTime(container.Lifecycle?.PostStart, SimAnnotations.PostStartDuration, options.PostStartHookDuration);
        var preStop = HookTime(container.Lifecycle?.PreStop, SimAnnotations.PreStopDuration, options.PreStopHookDuration);

        // Logs.
        var lines = new List<string>();
        if (Value(SimAnnotations.Log) is { } logText)
            lines.AddRange(logText.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n'));
        var logEvery = Duration(SimAnnotations.LogEvery);
        if (logEvery is { } every && every <= TimeSpan.Zero) logEvery = null;

        return new ContainerBehaviour
        {
            Name = container.Name,
            Image = container.Image,
            IsInit = isInit,
            Index = index,
            ExitCode = exitCode,
            RunFor = runFor,
            Readiness = isInit ? null : ProbeTiming.For(container.ReadinessProbe, container, podIp, scale),
            Liveness = isInit ? null : ProbeTiming.For(container.LivenessProbe, container, podIp, scale),
            LivenessFailsAfter = Duration(SimAnnotations.LivenessFailsAfter),
            ReadinessFailsAfter = Duration(SimAnnotations.ReadinessFailsAfter),
            ReadinessFailsFor = Duration(SimAnnotations.ReadinessFailsFor),
            Pull = mode,
            PullDuration = pullTime ?? options.ImagePullDuration,
            PullsEveryStart = policy == "Always",
            PullFailure = failure,
            PostStart = postStart,
            PreStop = preStop,
            HasPreStop = container.Lifecycle?.PreStop is not null,
            LogLines = lines,
            LogEvery = lines.Count > 0 ? logEvery : null,
            Echoes = ContainerExit.EchoLines(ContainerExit.Words(container)),
        };
    }

    /// <summary>What the API server defaults imagePullPolicy to: Always for :latest or no tag, else IfNotPresent.</summary>
    public static string DefaultPullPolicy(string? image)
    {
        if (string.IsNullOrEmpty(image) || image.Contains('@', StringComparison.Ordinal)) return "IfNotPresent";
        var lastPart = image[(image.LastIndexOf('/') + 1)..];
        var colon = lastPart.LastIndexOf(':');
        return colon < 0 || lastPart[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }

    private static string KeyFor(string key, string container, IDictionary<string, string>? annotations) =>
        annotations?.ContainsKey(key + "." + container) == true ? key + "." + container : key;
}
