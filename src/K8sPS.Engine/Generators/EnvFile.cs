using System.Text;
using System.Text.Unicode;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Generators;

/// <summary>One KEY=value line of an env file, with its 1-based line number.</summary>
public sealed record EnvFileEntry(string Key, int Line, bool FromEnvironment)
{
    internal string Value { get; init; } = "";

    /// <summary>Shows the key and where it came from, never the value.</summary>
    public override string ToString() => $"{Key} (line {Line}{(FromEnvironment ? ", from the environment" : "")})";
}

/// <summary>
/// kubectl's env-file rules (--from-env-file): a UTF-8 BOM is dropped from the first line; leading white space
/// is dropped; blank lines and lines starting with '#' are skipped; <c>KEY=value</c> takes everything after the
/// first '=' as it is (no quotes removed, trailing spaces kept); a bare <c>KEY</c> takes the value of the
/// environment variable KEY ("" when unset); the key must be a valid environment variable name.
/// Where kubectl would silently stop (a line over 64 KiB ends its reading of the file) this refuses instead.
/// </summary>
public static class EnvFile
{
    /// <summary>kubectl reads lines with Go's bufio.Scanner, which gives up on a line that does not fit 64 KiB.</summary>
    public const int MaxLineBytes = 64 * 1024;

    /// <summary>Reads and checks the file at <paramref name="path"/>.</summary>
    public static IReadOnlyList<EnvFileEntry> Read(string path, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
            throw Invalid("EnvFileIsFolder", $"env file {path} is a folder, not a file", "Give the env file itself; a folder's files are read with -FromFile.");
        if (!File.Exists(path))
            throw new K8sException(new K8sError("FileNotFound", K8sErrorCategory.NotFound, $"error reading {path}: no such file or directory")
            {
                RecommendedAction = "Check the path of the env file.",
            });
        return Parse(File.ReadAllBytes(path), path, environment);
    }

    /// <summary>Checks <paramref name="content"/> as an env file named <paramref name="fileName"/> in messages.</summary>
    public static IReadOnlyList<EnvFileEntry> Parse(ReadOnlySpan<byte> content, string fileName, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        environment ??= System.Environment.GetEnvironmentVariable;
        var entries = new List<EnvFileEntry>();
        var lineNumber = 0;
        while (content.Length > 0)
        {
            lineNumber++;
            var end = content.IndexOf((byte)'\n');
            var line = end < 0 ? content : content[..end];
            var consumed = end < 0 ? content.Length : end + 1;
            if (consumed > MaxLineBytes || (end < 0 && line.Length >= MaxLineBytes))
                throw Invalid("EnvFileLineTooLong",
                    $"env file {fileName}: line {lineNumber} is longer than {MaxLineBytes} bytes; kubectl would stop reading the file there without an error, dropping that line and every line after it",
                    "Put long values in a file of their own and add it with -FromFile.");
            content = content[consumed..];
            if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1]; // ScanLines drops a CR before the LF

            if (!Utf8.IsValid(line))
                throw Invalid("EnvFileInvalidUtf8", $"env file {fileName} contains invalid utf8 bytes at line {lineNumber}",
                    "Save the env file as UTF-8; binary values belong in files added with -FromFile.");
            var text = Encoding.UTF8.GetString(line);
            if (lineNumber == 1 && text.StartsWith('\uFEFF')) text = text[1..];
            text = text.TrimStart(); // Go's unicode.IsSpace and .NET's char.IsWhiteSpace agree on the set
            if (text.Length == 0 || text[0] == '#') continue;

            var at = text.IndexOf('=', StringComparison.Ordinal);
            var key = at < 0 ? text : text[..at];
            if (DataKeyRules.EnvVarNameProblems(key) is { Count: > 0 } problems)
                throw Invalid("EnvFileInvalidKey",
                    $"env file {fileName}, line {lineNumber}: \"{key}\" is not a valid key name: {string.Join(";", problems)}",
                    "Each line must be KEY=value (or a bare KEY to take its value from the environment); comments start with '#'.");
            entries.Add(at < 0
                ? new EnvFileEntry(key, lineNumber, FromEnvironment: true) { Value = environment(key) ?? "" }
                : new EnvFileEntry(key, lineNumber, FromEnvironment: false) { Value = text[(at + 1)..] });
        }
        return entries;
    }

    private static K8sException Invalid(string errorId, string message, string action)
        => new(new K8sError(errorId, K8sErrorCategory.InvalidArgument, message) { RecommendedAction = action });
}
