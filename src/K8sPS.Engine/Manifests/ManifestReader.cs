using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace K8sPS.Engine.Manifests;

/// <summary>
/// Reads YAML (or JSON, which is YAML) manifests into JSON documents that remember where every field was.
/// Each document is parsed on its own, so a syntax error in one leaves the others usable, as with kubectl.
/// Scalars resolve as kubectl's YAML library does (YAML 1.1: yes/no/on/off are booleans).
/// </summary>
public static partial class ManifestReader
{
    /// <summary>File extensions read from folders; other files there are skipped (kubectl does the same).</summary>
    public static readonly IReadOnlyList<string> ManifestExtensions = [".yaml", ".yml", ".json"];

    public static ManifestReadResult ReadFile(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new([], [new ManifestReadError(path, 0, 0, $"cannot read the file: {e.Message}")]);
        }
        return ReadBytes(bytes, path);
    }

    /// <summary>A file's bytes, as <see cref="ReadFile"/> reads them (binary and non-UTF-8 content refused with their line).</summary>
    public static ManifestReadResult ReadBytes(byte[] bytes, string path)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        // A NUL byte never occurs in text; parsing a binary would only produce noise.
        var probe = bytes.AsSpan(0, Math.Min(bytes.Length, 8192));
        if (probe.IndexOf((byte)0) >= 0)
            return new([], [new ManifestReadError(path, 1, 1, "this is a binary file, not YAML or JSON.")]);
        if (FirstInvalidUtf8(bytes) is { } bad)
            return new([], [new ManifestReadError(path, bad.Line, bad.Column, "the file is not UTF-8 text: this line holds a byte that is not UTF-8.", "Save the file as UTF-8.")]);
        var text = Encoding.UTF8.GetString(bytes);
        return Read(text, path);
    }

    /// <summary>Line and column (1-based) of the first byte that is not UTF-8, or null when all of it is.</summary>
    internal static (int Line, int Column)? FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return null;
        int line = 1, column = 1;
        while (!bytes.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes, out var rune, out var used) != System.Buffers.OperationStatus.Done) return (line, column);
            if (rune.Value == '\n') { line++; column = 1; } else column++;
            bytes = bytes[used..];
        }
        return null;
    }

    public static ManifestReadResult Read(string text, string? file = null)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var documents = new List<ManifestDocument>();
        var errors = new List<ManifestReadError>();
        var index = 0;
        foreach (var (start, end) in SplitDocuments(lines))
        {
            var chunk = string.Join('\n', lines[start..end]);
            var docIndex = index++;
            if (string.IsNullOrWhiteSpace(StripComments(chunk))) continue; // kubectl skips empty documents
            try
            {
                // Nesting is checked before the document is built: building recurses, and a file of ten thousand
                // '[' would overflow the stack (which no catch can stop). The parser itself does not recurse.
                if (TooDeep(chunk) is { } deep)
                {
                    errors.Add(new ManifestReadError(file, (int)deep.Line + start, (int)deep.Column,
                        $"document {docIndex + 1} nests deeper than {MaxDepth} levels", "No Kubernetes object is that deep: check the brackets and the indentation."));
                    continue;
                }
                foreach (var doc in YamlComposer.Documents(chunk, start, MaxValues))
                {
                    var line = FirstContentLine(lines, start, end);
                    documents.Add(new ManifestDocument(new ManifestSource(file, docIndex, line), doc.Content, doc.Positions, lines, start) { DuplicateKeys = doc.Duplicates });
                }
            }
            catch (InvalidOperationException)
            {
                // YamlDotNet's parser gives up this way on a flow mapping or sequence left open across lines.
                var (line, column) = UnclosedBracket(lines, start, end) ?? (FirstContentLine(lines, start, end), 1);
                errors.Add(new ManifestReadError(file, line, column, $"invalid YAML in document {docIndex + 1}: this '{{' or '[' is not closed",
                    "Close it with '}' or ']' (or write the value as a block, one key a line)."));
            }
            catch (YamlComposer.AliasCycle e)
            {
                // kubectl's YAML: "anchor 'x' value contains itself".
                errors.Add(new ManifestReadError(file, (int)e.At.Line + start, (int)e.At.Column,
                    $"document {docIndex + 1}: the anchor '{e.Anchor}' here contains an alias of itself", "An alias may only refer to a node outside itself."));
            }
            catch (YamlComposer.AliasBudgetExceeded e)
            {
                // Go's YAML (kubectl) refuses such documents too ("excessive aliasing").
                errors.Add(new ManifestReadError(file, (int)e.At.Line + start, (int)e.At.Column,
                    $"document {docIndex + 1} expands to more than {MaxValues:N0} values through its aliases", "This looks like a YAML bomb (billion laughs); nothing of it was read."));
            }
            catch (YamlException e)
            {
                var line = (int)e.Start.Line + start;
                var column = (int)e.Start.Column;
                // YamlDotNet reports a tab at the document start; point at the first line indented with one.
                if (e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase))
                {
                    var tabbed = Array.FindIndex(lines, start, end - start, l => l.TakeWhile(char.IsWhiteSpace).Contains('\t'));
                    if (tabbed >= 0) { line = tabbed + 1; column = lines[tabbed].IndexOf('\t') + 1; }
                }
                errors.Add(new ManifestReadError(file, line, column, $"invalid YAML in document {docIndex + 1}: {Clean(e)}",
                    HintFor(lines, line, e)));
            }
        }
        if (documents.Count == 0 && errors.Count == 0)
            errors.Add(new ManifestReadError(file, 1, 1, "no Kubernetes objects: the input is empty or holds only comments."));
        return new(documents, errors);
    }

    /// <summary>Line and column (1-based) of the innermost '{' or '[' of a flow value that is never closed, quotes and comments skipped.</summary>
    internal static (int Line, int Column)? UnclosedBracket(string[] lines, int start, int end)
    {
        var open = new Stack<(int Line, int Column)>();
        for (var i = start; i < end; i++)
        {
            var l = lines[i];
            char? quote = null;
            for (var c = 0; c < l.Length; c++)
            {
                var ch = l[c];
                if (quote is { } q) { if (ch == q) quote = null; continue; }
                if (ch == '#' && (c == 0 || char.IsWhiteSpace(l[c - 1]))) break;
                if (ch is '"' or '\'' && (c == 0 || l[c - 1] is ' ' or '[' or '{' or ',' or ':')) quote = ch;
                else if (ch is '[' or '{') open.Push((i + 1, c + 1));
                else if (ch is ']' or '}' && open.Count > 0) open.Pop();
            }
        }
        return open.Count > 0 ? open.Peek() : null;
    }

    /// <summary>Line ranges [start, end) of each document, split on '---' lines (and '...' document ends).</summary>
    private static IEnumerable<(int Start, int End)> SplitDocuments(string[] lines)
    {
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var l = lines[i];
            var separator = (l.StartsWith("---", StringComparison.Ordinal) && (l.Length == 3 || char.IsWhiteSpace(l[3])))
                            || (l.StartsWith("...", StringComparison.Ordinal) && l.TrimEnd().Length == 3);
            if (!separator) continue;
            if (i > start) yield return (start, i);
            start = i + 1;
        }
        if (start < lines.Length) yield return (start, lines.Length);
    }

    private static int FirstContentLine(string[] lines, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            var t = lines[i].TrimStart();
            if (t.Length > 0 && t[0] != '#') return i + 1;
        }
        return start + 1;
    }

    private static string StripComments(string chunk) =>
        string.Join('\n', chunk.Split('\n').Where(l => !l.TrimStart().StartsWith('#')));

    private static string Clean(YamlException e)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 1, Idx: 20) - (Line: ...): "; we give the position ourselves.
        var m = e.Message;
        var i = m.LastIndexOf("): ", StringComparison.Ordinal);
        var text = i >= 0 && m.StartsWith('(') ? m[(i + 3)..] : m;
        if (e.InnerException is YamlException inner && inner.Message != e.Message) text += " " + Clean(inner);
        return text;
    }

    private static string? HintFor(string[] lines, int line, YamlException e)
    {
        var text = line >= 1 && line <= lines.Length ? lines[line - 1] : "";
        var previous = line >= 2 && line - 2 < lines.Length ? lines[line - 2] : "";
        if (text.Contains('\t') || previous.Contains('\t'))
            return "YAML does not allow tabs for indentation: indent with spaces.";
        var quotes = text.Count(c => c == '"');
        if (quotes % 2 == 1 || previous.Count(c => c == '"') % 2 == 1)
            return "A quoted string is not closed: check the quotes.";
        if (text.Count(c => c == '\'') % 2 == 1)
            return "A quoted string is not closed: check the quotes.";
        if (e.Message.Contains("invalid mapping", StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("indentation", StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("mapping values are not allowed", StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("did not find expected key", StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("did not find expected", StringComparison.OrdinalIgnoreCase))
            return "Check the indentation of this line against the lines above it.";
        return null;
    }

    /// <summary>Deeper than this is refused: Kubernetes objects are a few dozen levels deep at most.</summary>
    public const int MaxDepth = 500;

    private static readonly SearchValues<char> LevelOpeners = SearchValues.Create("{[-:?");

    // Up to MaxDepth + 1: beyond that the exact number does not matter.
    private static int CountLevelOpeners(ReadOnlySpan<char> text)
    {
        var n = 0;
        for (var i = text.IndexOfAny(LevelOpeners); i >= 0 && n <= MaxDepth; i = text.IndexOfAny(LevelOpeners))
        {
            n++;
            text = text[(i + 1)..];
        }
        return n;
    }

    /// <summary>More values than this in one document (after aliases are expanded) is refused as a YAML bomb.</summary>
    public const int MaxValues = 400_000;

    /// <summary>Where the document first goes deeper than <see cref="MaxDepth"/>, or null.</summary>
    private static Mark? TooDeep(string chunk)
    {
        // Each level opens with one of these characters ('{', '[', a block entry's '-', a key's ':' or '?'), so a
        // document with no more of them than MaxDepth cannot be too deep: most are spared a second parse.
        if (CountLevelOpeners(chunk) <= MaxDepth) return null;
        var parser = new Parser(new StringReader(chunk));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart:
                    if (++depth > MaxDepth) return parser.Current.Start;
                    break;
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                    depth--;
                    break;
            }
        }
        return null;
    }

    /// <summary>YAML 1.1 resolution of a plain scalar, as go-yaml v2 (kubectl) does it.</summary>
    public static JsonNode? ResolvePlain(string value)
    {
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N":
                return JsonValue.Create(false);
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "-.inf" or ".nan" or ".NaN" or ".NAN":
                return JsonValue.Create(value); // JSON has no infinity: keep it as text, as kubectl's conversion fails on it anyway
        }
        var c = value[0];
        if (!(char.IsAsciiDigit(c) || c is '-' or '+' or '.')) return JsonValue.Create(value);
        var plain = value.Replace("_", "", StringComparison.Ordinal);
        if (IntPattern().IsMatch(plain) && long.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            var digits = plain.TrimStart('+', '-');
            if (digits.Length > 1 && digits[0] == '0' && digits.All(d => d is >= '0' and <= '7'))
                l = Convert.ToInt64(digits, 8) * (plain[0] == '-' ? -1 : 1);
            return JsonValue.Create(l);
        }
        if (HexPattern().IsMatch(plain))
        {
            var negative = plain[0] == '-';
            var hex = plain.TrimStart('+', '-')[2..];
            if (long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var h))
                return JsonValue.Create(negative ? -h : h);
        }
        if (FloatPattern().IsMatch(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            if (d == Math.Floor(d) && Math.Abs(d) < 1e15) return JsonValue.Create((long)d);
            return JsonValue.Create(d);
        }
        return JsonValue.Create(value);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")] private static partial Regex IntPattern();
    [GeneratedRegex(@"^[-+]?0x[0-9a-fA-F]+$")] private static partial Regex HexPattern();
    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")] private static partial Regex FloatPattern();
}
