using System.Globalization;
using System.Text.RegularExpressions;
using k8s.Models;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// How a container ends, where its command makes that plain without running it: `true`, `false`, or a
/// shell script (`sh -c "..."`) whose last statement is `exit N`. Anything else is unknown: a
/// simulated container then runs until stopped, or, in a Job's pod, exits 0 (see
/// <see cref="ContainerBehaviour"/>). Pure.
/// </summary>
public static partial class ContainerExit
{
    public static int? KnownExitCode(V1Container container)
    {
        var words = Words(container);
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
    /// How long a command plainly takes, in seconds: the sum of its `sleep N` statements (`sleep 10`,
    /// `sh -c "echo hi; sleep 5"`), or null when it has none. Used for init containers and for
    /// postStart and preStop hooks, whose length decides when the pod moves on.
    /// </summary>
    public static double? SleepSeconds(IList<string>? command)
    {
        if (command is null || command.Count == 0) return null;
        if (Path.GetFileName(command[0]) == "sleep")
            return command.Count == 2 && double.TryParse(command[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var direct) ? direct : null;
        if (command.Count < 2 || command[^2] != "-c") return null;
        double? total = null;
        foreach (Match match in Sleep().Matches(command[^1]))
            total = (total ?? 0) + double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return total;
    }

    /// <summary>
    /// What a shell script plainly prints: its `echo` statements with nothing to expand or redirect
    /// (`sh -c 'echo "The app is running!" && sleep 120'` prints "The app is running!"). Pure.
    /// </summary>
    public static IReadOnlyList<string> EchoLines(IList<string> words)
    {
        if (words.Count < 2 || words[^2] != "-c") return [];
        var lines = new List<string>();
        foreach (var statement in Statements().Split(words[^1]))
        {
            var text = statement.Trim();
            if (!text.StartsWith("echo ", StringComparison.Ordinal) && text != "echo") continue;
            var args = text.Length > 4 ? text[5..].Trim() : "";
            if (args.IndexOfAny(['$', '`', '>', '<', '|', '\\']) >= 0 || args.StartsWith('-')) continue;
            lines.Add(Unquote(args));
        }
        return lines;
    }

    private static string Unquote(string args)
    {
        var text = new System.Text.StringBuilder();
        char? quote = null;
        var space = false;
        foreach (var c in args)
        {
            if (quote is null && (c == '"' || c == '\'')) { quote = c; continue; }
            if (quote == c) { quote = null; continue; }
            if (quote is null && char.IsWhiteSpace(c)) { space = true; continue; }
            if (space && text.Length > 0) text.Append(' ');
            space = false;
            text.Append(c);
        }
        return text.ToString();
    }

    [GeneratedRegex(@"&&|\|\||;|\n")]
    private static partial Regex Statements();

    /// <summary>The container's command and args as one list of words.</summary>
    public static List<string> Words(V1Container container) =>
        (container.Command ?? new List<string>()).Concat(container.Args ?? new List<string>()).ToList();

    [GeneratedRegex(@"(?:^|[;&|\n(]|\s)(?:/bin/)?sleep\s+(\d+(?:\.\d+)?)(?=\s*(?:$|[;&|\n)]))")]
    private static partial Regex Sleep();

    [GeneratedRegex(@"(?:^|[;&|\n]|\s)exit\s+(\d{1,3})\s*;?\s*$")]
    private static partial Regex FinalExit();
}
