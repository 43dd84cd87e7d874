using System.Text;

namespace K8sPS.Engine.Editing;

/// <summary>
/// The editor <c>kubectl edit</c> starts (cmd/util/editor): the first of $KUBE_EDITOR and $EDITOR that is set,
/// else vi (notepad on Windows). A value without spaces is the program; with spaces but no quotes or
/// backslashes it is split on the spaces; anything else is handed to $SHELL -c (cmd /C on Windows) with the
/// file's path appended in Go's %q quoting.
/// </summary>
/// <param name="Program">The program to start.</param>
/// <param name="Arguments">Its arguments before the file's path.</param>
/// <param name="ThroughShell">True when the last argument is a shell command line that gets the path appended.</param>
/// <param name="Text">The editor as the user wrote it, for messages.</param>
public sealed record EditorCommand(string Program, IReadOnlyList<string> Arguments, bool ThroughShell, string Text)
{
    /// <summary>The environment variables read, in kubectl's order.</summary>
    public static readonly IReadOnlyList<string> EnvironmentVariables = ["KUBE_EDITOR", "EDITOR"];

    /// <summary>The editor the environment names; <paramref name="getVariable"/> reads a variable (null when unset).</summary>
    public static EditorCommand FromEnvironment(Func<string, string?> getVariable, bool windows)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var editor = EnvironmentVariables.Select(getVariable).FirstOrDefault(v => !string.IsNullOrEmpty(v))
            ?? (windows ? "notepad" : "vi");
        if (!editor.Contains(' ', StringComparison.Ordinal)) return new EditorCommand(editor, [], false, editor);
        if (editor.IndexOfAny(['"', '\'', '\\']) < 0)
        {
            var parts = editor.Split(' ');
            return new EditorCommand(parts[0], parts[1..], false, editor);
        }
        var shell = getVariable("SHELL");
        if (string.IsNullOrEmpty(shell)) shell = windows ? "cmd" : "/bin/bash";
        return new EditorCommand(shell, [shell == "cmd" ? "/C" : "-c", editor], true, editor);
    }

    /// <summary>The arguments to start <see cref="Program"/> with, to edit <paramref name="path"/>.</summary>
    public IReadOnlyList<string> ArgumentsFor(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!ThroughShell) return [.. Arguments, path];
        return [.. Arguments.Take(Arguments.Count - 1), $"{Arguments[^1]} {GoQuote(path)}"];
    }

    /// <summary>Go's %q of a path: double quotes, with backslash escapes for quotes, backslashes and control characters.</summary>
    internal static string GoQuote(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (char.IsControl(c)) sb.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
