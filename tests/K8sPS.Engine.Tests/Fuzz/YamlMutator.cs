using System.Text;

namespace K8sPS.Engine.Tests.Fuzz;

/// <summary>
/// Structure-aware mutations of a YAML manifest, the mistakes and attacks a manifest reader meets: values of
/// another type, keys deleted or doubled, indentation off, tabs, anchors and aliases (dangling ones too), huge
/// scalars, deep nesting, invalid UTF-8, truncation, and the billion laughs. Deterministic for a given seed.
/// </summary>
internal sealed class YamlMutator(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] OtherTypes = ["[a, b]", "{x: 1}", "42", "-1.5e3", "true", "null", "~", "\"text\"", "''", "[]", "{}", "0x1F", "010", "yes", "- item", "|\n  block"];

    public string Name { get; private set; } = "";

    /// <summary>One to three mutations of <paramref name="yaml"/>, as bytes (some mutations are not text).</summary>
    public byte[] Mutate(string yaml)
    {
        var names = new List<string>();
        var lines = yaml.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        byte[]? bytes = null;
        var count = _random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            var (name, apply) = Operations[_random.Next(Operations.Length)];
            names.Add(name);
            if (name == "invalid-utf8") { bytes = InvalidUtf8(string.Join('\n', lines)); break; }
            apply(this, lines);
        }
        Name = string.Join("+", names);
        return bytes ?? Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private static readonly (string Name, Action<YamlMutator, List<string>> Apply)[] Operations =
    [
        ("swap-type", (m, l) => m.SwapType(l)),
        ("metadata-field", (m, l) => m.MetadataField(l)),
        ("delete-key", (m, l) => { if (l.Count > 1) l.RemoveAt(m._random.Next(l.Count)); }),
        ("bad-indent", (m, l) => m.Indent(l)),
        ("duplicate-key", (m, l) => { var i = m.KeyLine(l); if (i >= 0) l.Insert(i, l[i]); }),
        ("tabs", (m, l) => { var i = m._random.Next(l.Count); l[i] = l[i].Replace("  ", "\t", StringComparison.Ordinal); }),
        ("anchor-alias", (m, l) => m.AnchorAlias(l)),
        ("dangling-alias", (m, l) => { var i = m.KeyLine(l); if (i >= 0) l[i] = l[i][..(l[i].IndexOf(':') + 1)] + " *nowhere"; }),
        ("huge-scalar", (m, l) => { var i = m.KeyLine(l); if (i >= 0) l[i] = l[i][..(l[i].IndexOf(':') + 1)] + " " + new string('x', m._random.Next(100_000, 1_000_000)); }),
        ("deep-flow", (m, l) => { var n = m._random.Next(200, 10_000); l.Add("deep: " + new string('[', n) + new string(']', n)); }),
        ("deep-block", (m, l) => { var n = m._random.Next(100, 3_000); for (var d = 0; d < n; d++) l.Add(new string(' ', 2 * d) + "k" + d + ":"); }),
        ("truncate", (m, l) => { if (l.Count > 1) { var from = m._random.Next(1, l.Count); l.RemoveRange(from, l.Count - from); } }),
        ("noise", (m, l) => { var i = m._random.Next(l.Count); var p = m._random.Next(l[i].Length + 1); l[i] = l[i].Insert(p, "{[:,&*!|>'\"%@`#"[m._random.Next(15)].ToString()); }),
        ("separator", (m, l) => l.Insert(m._random.Next(l.Count + 1), "---")),
        ("unclosed-flow", (m, l) => { var i = m.KeyLine(l); if (i >= 0) l[i] = l[i][..(l[i].IndexOf(':') + 1)] + (m._random.Next(2) == 0 ? " {a: b" : " [a"); }),
        ("billion-laughs", (m, l) => { l.Clear(); l.AddRange(BillionLaughs()); }),
        ("invalid-utf8", (_, _) => { }),
    ];

    private int KeyLine(List<string> lines)
    {
        var keys = lines.Select((l, i) => (l, i)).Where(x => x.l.Contains(':', StringComparison.Ordinal) && !x.l.TrimStart().StartsWith('#')).Select(x => x.i).ToList();
        return keys.Count == 0 ? -1 : keys[_random.Next(keys.Count)];
    }

    private void SwapType(List<string> lines)
    {
        var i = KeyLine(lines);
        if (i < 0) return;
        var colon = lines[i].IndexOf(':');
        lines[i] = lines[i][..(colon + 1)] + " " + OtherTypes[_random.Next(OtherTypes.Length)];
    }

    /// <summary>
    /// A metadata field of another type where every object has metadata (the examples name no namespace, so a
    /// swap-type never reaches one): namespace: 42, labels: [a, b], name: {x: 1}.
    /// </summary>
    private void MetadataField(List<string> lines)
    {
        var at = lines.Select((l, i) => (l, i)).Where(x => x.l.TrimEnd().EndsWith("metadata:", StringComparison.Ordinal)).Select(x => x.i).ToList();
        if (at.Count == 0) return;
        var i = at[_random.Next(at.Count)];
        var indent = lines[i].Length - lines[i].TrimStart().Length + 2;
        lines.Insert(i + 1, new string(' ', indent) + MetadataKeys[_random.Next(MetadataKeys.Length)] + ": " + OtherTypes[_random.Next(OtherTypes.Length)]);
    }

    private static readonly string[] MetadataKeys = ["namespace", "name", "generateName", "labels", "annotations"];

    private void Indent(List<string> lines)
    {
        var i = _random.Next(lines.Count);
        var shift = _random.Next(1, 4);
        lines[i] = _random.Next(2) == 0 ? new string(' ', shift) + lines[i] : lines[i].Length > shift && lines[i][..shift].Trim().Length == 0 ? lines[i][shift..] : lines[i];
    }

    private void AnchorAlias(List<string> lines)
    {
        var from = KeyLine(lines);
        var to = KeyLine(lines);
        if (from < 0 || to < 0) return;
        lines[from] = lines[from][..(lines[from].IndexOf(':') + 1)] + " &anchor" + lines[from][(lines[from].IndexOf(':') + 1)..];
        if (to != from) lines[to] = lines[to][..(lines[to].IndexOf(':') + 1)] + " *anchor";
    }

    private byte[] InvalidUtf8(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text).ToList();
        byte[][] bad = [[0xC3, 0x28], [0xFF], [0xE2, 0x82], [0xF0, 0x28, 0x8C, 0x28], [0xC0, 0xAF]];
        bytes.InsertRange(_random.Next(bytes.Count + 1), bad[_random.Next(bad.Length)]);
        return [.. bytes];
    }

    /// <summary>Nine levels of ten aliases each: a billion values from a dozen lines.</summary>
    internal static IEnumerable<string> BillionLaughs()
    {
        yield return "apiVersion: v1";
        yield return "kind: ConfigMap";
        yield return "metadata: {name: lol}";
        yield return "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]";
        var previous = 'a';
        for (var c = 'b'; c <= 'i'; c++)
        {
            yield return $"{c}: &{c} [" + string.Join(",", Enumerable.Repeat("*" + previous, 9)) + "]";
            previous = c;
        }
        yield return "data: *i";
    }
}
