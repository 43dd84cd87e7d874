using System.Globalization;
using System.Text.RegularExpressions;
using k8s.Models;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// How a container ends, where its command makes that plain without running it: `true`, `false`, or a
/// shell script (`sh -c "..."`) whose last statement is `exit N`. Anything else is unknown: a
/// simulated container then runs until stopped, or, in a Job's pod, exits 0. Pure.
/// </summary>
public static partial class ContainerExit
{
    public static int? KnownExitCode(V1Container container)
    {
        var words = (container.Command ?? new List<string>()).Concat(container.Args ?? new List<string>()).ToList();
        if (words.Count == 0) return null;
        if (words.Count == 1)
        {
            var program = Path.GetFileName(words[0]);
            return program == "true" ? 0 : program == "false" ? 1 : null;
        }
        if (words[^2] != "-c") return null;
        var match = FinalExit().Match(words[^1]);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) % 256 : null;
    }

    /// <summary>
    /// The exit code of each container (spec order) of a pod that runs to completion, or null for a pod
    /// that runs until deleted. A Job's containers exit 0 unless their command says otherwise; other
    /// pods complete only when every command says how it ends. A non-zero exit under restartPolicy
    /// OnFailure would mean restarts (CrashLoopBackOff), which are not simulated: such pods keep running.
    /// </summary>
    public static IReadOnlyList<int>? PlannedExitCodes(V1Pod pod)
    {
        var policy = pod.Spec.RestartPolicy;
        if (policy is not ("Never" or "OnFailure")) return null;
        var ownedByJob = pod.Metadata.OwnerReferences?.Any(o => o.Kind == "Job" && o.Controller == true) ?? false;
        var codes = pod.Spec.Containers.Select(c => KnownExitCode(c) ?? (ownedByJob ? 0 : null)).ToList();
        if (codes.Any(c => c is null)) return null;
        if (policy == "OnFailure" && codes.Any(c => c != 0)) return null;
        return codes.Select(c => c!.Value).ToList();
    }

    [GeneratedRegex(@"(?:^|[;&|\n]|\s)exit\s+(\d{1,3})\s*;?\s*$")]
    private static partial Regex FinalExit();
}
