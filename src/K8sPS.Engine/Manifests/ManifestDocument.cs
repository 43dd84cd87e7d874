using System.Text.Json.Nodes;

namespace K8sPS.Engine.Manifests;

/// <summary>A line/column position inside a YAML file (1-based).</summary>
public readonly record struct TextPosition(int Line, int Column);

/// <summary>A key written twice in one map: its path, the line of the value kept (the last, as kubectl keeps it) and of the first.</summary>
public sealed record DuplicateKey(string Path, string Key, int Line, int FirstLine);

/// <summary>
/// One YAML document read from a file or text: its content as JSON (what is sent to the server), where it
/// started, and where each field sits, so lint and server errors can point at a line.
/// </summary>
public sealed class ManifestDocument
{
    internal ManifestDocument(ManifestSource source, JsonNode? content, IReadOnlyDictionary<string, TextPosition> positions,
        IReadOnlyList<string> lines, int lineOffset)
    {
        Source = source;
        Content = content;
        Positions = positions;
        _lines = lines;
        _lineOffset = lineOffset;
    }

    /// <summary>A document for an object that came from no file (pipeline input): no positions to point at.</summary>
    public static ManifestDocument FromObject(JsonNode? content, ManifestSource? source = null) =>
        new(source ?? new ManifestSource(null, 0, 0), content, new Dictionary<string, TextPosition>(), [], 0);

    /// <summary>The same source and positions with other content (a List's item keeps its file and lines).</summary>
    internal ManifestDocument WithContent(JsonNode? content, string pathPrefix)
    {
        var positions = new Dictionary<string, TextPosition>(StringComparer.Ordinal);
        foreach (var (k, v) in Positions)
        {
            if (k == pathPrefix) continue;
            if (k.StartsWith(pathPrefix + ".", StringComparison.Ordinal)) positions[k[(pathPrefix.Length + 1)..]] = v;
            else if (k.StartsWith(pathPrefix + "[", StringComparison.Ordinal)) positions[k[pathPrefix.Length..]] = v;
        }
        var line = Positions.TryGetValue(pathPrefix, out var p) ? p.Line : Source.Line;
        var duplicates = DuplicateKeys.Where(d => d.Path.StartsWith(pathPrefix + ".", StringComparison.Ordinal) || d.Path.StartsWith(pathPrefix + "[", StringComparison.Ordinal))
            .Select(d => d with { Path = d.Path[pathPrefix.Length] == '.' ? d.Path[(pathPrefix.Length + 1)..] : d.Path[pathPrefix.Length..] }).ToList();
        return new ManifestDocument(Source with { Line = line }, content, positions, _lines, _lineOffset) { DuplicateKeys = duplicates };
    }

    /// <summary>The same source and positions with edited content (an object read from YAML, then changed in PowerShell).</summary>
    public ManifestDocument WithContent(JsonNode? content) => new(Source, content, Positions, _lines, _lineOffset) { DuplicateKeys = DuplicateKeys };

    /// <summary>Keys the YAML wrote twice in one map (the last value is the one kept, as in kubectl); lint refuses them.</summary>
    public IReadOnlyList<DuplicateKey> DuplicateKeys { get; init; } = [];

    /// <summary>A kind List expands to its items, each keeping the lines of the file it came from.</summary>
    public IEnumerable<ManifestDocument> Expand()
    {
        if (Kind is { } k && k.EndsWith("List", StringComparison.Ordinal) && Object?["items"] is JsonArray items)
        {
            for (var i = 0; i < items.Count; i++) yield return WithContent(items[i]?.DeepClone(), Item("items", i));
            yield break;
        }
        yield return this;
    }

    private readonly IReadOnlyList<string> _lines;
    private readonly int _lineOffset;

    public ManifestSource Source { get; }

    /// <summary>The document as JSON; a JsonObject for every Kubernetes object.</summary>
    public JsonNode? Content { get; }

    /// <summary>Field path ("spec.template.spec.containers[0].image") to the position of its key (or list item).</summary>
    public IReadOnlyDictionary<string, TextPosition> Positions { get; }

    public JsonObject? Object => Content as JsonObject;
    public string? ApiVersion => Str(Object?["apiVersion"]);
    public string? Kind => Str(Object?["kind"]);
    public string? Name => Str(Metadata?["name"]) ?? Str(Metadata?["generateName"]);
    public string? Namespace => Str(Metadata?["namespace"]);

    // A metadata that is not a mapping (a string, a list: the linter says so) names nothing.
    private JsonObject? Metadata => Object?["metadata"] as JsonObject;

    /// <summary>"Kind/name" as people write it.</summary>
    public string Display => $"{Kind ?? "<no kind>"}/{Name ?? "<no name>"}";

    /// <summary>Line of a field path, falling back to the nearest parent that has one, then the document start.</summary>
    public int LineOf(string path)
    {
        for (var p = path; p.Length > 0; p = ParentPath(p))
            if (Positions.TryGetValue(p, out var pos)) return pos.Line;
        return Source.Line;
    }

    /// <summary>The raw text of a (file) line, for rules that look at comments, which YAML itself drops.</summary>
    public string RawLine(int line)
    {
        var i = line - 1;
        return i >= 0 && i < _lines.Count ? _lines[i] : "";
    }

    internal int LineOffset => _lineOffset;

    /// <summary>"a.b[0]" -> "a.b"; keys with dots are written ["key.with.dots"] and stay whole.</summary>
    public static string ParentPath(string path)
    {
        int i;
        if (path.EndsWith("\"]", StringComparison.Ordinal)) i = path.LastIndexOf("[\"", StringComparison.Ordinal);
        else if (path.EndsWith(']')) i = path.LastIndexOf('[');
        else i = path.LastIndexOf('.');
        return i <= 0 ? "" : path[..i];
    }

    /// <summary>Appends a key to a path, bracketing keys that are not plain identifiers.</summary>
    public static string Child(string path, string key)
    {
        var plain = key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$');
        if (!plain) return $"{path}[\"{key}\"]";
        return path.Length == 0 ? key : path + "." + key;
    }

    public static string Item(string path, int index) => $"{path}[{index}]";

    private static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
