using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace K8sPS.Engine.Manifests;

/// <summary>
/// Builds JSON from YAML parser events, recording where each key and list item sits. A key written twice in one map
/// keeps its last value, as kubectl's YAML reader (go-yaml) does, and is recorded so lint can refuse it: reading
/// never fails on it, so -SkipLint can send such a document as kubectl would. Aliases are counted as the values
/// they expand to, so a few lines that would expand to billions (a YAML bomb) are refused before they are built.
/// </summary>
internal static class YamlComposer
{
    /// <summary>One document's content, the positions of its fields and the keys it repeats.</summary>
    internal sealed record Composed(JsonNode? Content, Dictionary<string, TextPosition> Positions, List<DuplicateKey> Duplicates);

    /// <summary>A document that expands to more than its budget of values through aliases.</summary>
    internal sealed class AliasBudgetExceeded(Mark at) : Exception("alias expansion budget exceeded")
    {
        public Mark At { get; } = at;
    }

    /// <summary>An alias inside the node its anchor names: it would expand forever.</summary>
    internal sealed class AliasCycle(Mark at, string anchor) : Exception("an anchor contains itself")
    {
        public Mark At { get; } = at;
        public string Anchor { get; } = anchor;
    }

    /// <summary>
    /// Every document of <paramref name="text"/>, whose first line is line <paramref name="lineOffset"/> + 1 of its file;
    /// each may expand to at most <paramref name="maxValues"/> values with its aliases.
    /// </summary>
    public static List<Composed> Documents(string text, int lineOffset, int maxValues)
    {
        var parser = new Parser(new StringReader(text));
        var documents = new List<Composed>();
        parser.Consume<StreamStart>();
        while (parser.TryConsume<DocumentStart>(out _))
        {
            var state = new State(lineOffset, maxValues);
            var content = Compose(parser, "", state);
            parser.Consume<DocumentEnd>();
            documents.Add(new Composed(content, state.Positions, state.Duplicates));
        }
        parser.Consume<StreamEnd>();
        return documents;
    }

    private sealed class State(int lineOffset, long maxValues)
    {
        public Dictionary<string, TextPosition> Positions { get; } = new(StringComparer.Ordinal);
        public List<DuplicateKey> Duplicates { get; } = [];
        /// <summary>Each anchor's value and how many values it stands for.</summary>
        public Dictionary<string, (JsonNode? Value, long Size)> Anchors { get; } = new(StringComparer.Ordinal);
        /// <summary>Anchors whose node is still being read: an alias of one of them is a cycle.</summary>
        public HashSet<string> Open { get; } = new(StringComparer.Ordinal);
        public long Values { get; private set; }

        public void Spend(long values, Mark at)
        {
            Values += values;
            if (Values > maxValues) throw new AliasBudgetExceeded(at);
        }

        public TextPosition At(Mark mark) => new((int)mark.Line + lineOffset, (int)mark.Column);
    }

    private static JsonNode? Compose(IParser parser, string path, State state)
    {
        var before = state.Values;
        switch (parser.Current)
        {
            case Scalar scalar:
                parser.MoveNext();
                state.Spend(1, scalar.Start);
                return Anchored(scalar, Resolve(scalar), state, before);
            case AnchorAlias alias:
                parser.MoveNext();
                if (state.Open.Contains(alias.Value.Value)) throw new AliasCycle(alias.Start, alias.Value.Value);
                if (!state.Anchors.TryGetValue(alias.Value.Value, out var anchored))
                    throw new YamlException(alias.Start, alias.End, $"the alias *{alias.Value.Value} names no anchor defined before it");
                state.Spend(anchored.Size, alias.Start); // before the copy is made: the budget bounds memory too
                return anchored.Value?.DeepClone();
            case SequenceStart sequence:
            {
                parser.MoveNext();
                state.Spend(1, sequence.Start);
                Open(sequence, state);
                var array = new JsonArray();
                var i = 0;
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    var itemPath = ManifestDocument.Item(path, i++);
                    state.Positions.TryAdd(itemPath, state.At(parser.Current!.Start));
                    array.Add(Compose(parser, itemPath, state));
                }
                return Anchored(sequence, array, state, before);
            }
            case MappingStart mapping:
            {
                parser.MoveNext();
                state.Spend(1, mapping.Start);
                Open(mapping, state);
                var map = new JsonObject();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyStart = state.At(parser.Current!.Start);
                    // A key is its text, resolved as kubectl resolves a plain key (YAML 1.1, then made a string: "n" is
                    // "false", "on" is "true", "0x1F" is "31"); a key that is a map or list, its JSON.
                    string key;
                    if (parser.Current is Scalar keyScalar)
                    {
                        parser.MoveNext();
                        state.Spend(1, keyScalar.Start);
                        Anchored(keyScalar, JsonValue.Create(keyScalar.Value ?? ""), state, state.Values - 1);
                        key = keyScalar.Style == ScalarStyle.Plain && keyScalar.Tag.IsEmpty ? KeyText(keyScalar.Value ?? "") : keyScalar.Value ?? "";
                    }
                    else key = Compose(parser, path, state)?.ToJsonString() ?? "";
                    var childPath = ManifestDocument.Child(path, key);
                    if (map.ContainsKey(key))
                    {
                        state.Duplicates.Add(new DuplicateKey(childPath, key, keyStart.Line, state.Positions.TryGetValue(childPath, out var first) ? first.Line : keyStart.Line));
                        Forget(state.Positions, childPath);
                    }
                    state.Positions[childPath] = keyStart;
                    var value = Compose(parser, childPath, state);
                    if (key == "<<") continue; // merge keys are not supported by kubectl's JSON conversion either
                    map[key] = value;
                }
                return Anchored(mapping, map, state, before);
            }
            default:
                throw new YamlException(parser.Current?.Start ?? Mark.Empty, parser.Current?.End ?? Mark.Empty, $"unexpected {parser.Current?.GetType().Name ?? "end of input"}");
        }
    }

    private static void Open(NodeEvent node, State state)
    {
        if (!node.Anchor.IsEmpty) state.Open.Add(node.Anchor.Value);
    }

    /// <summary>Records the value of an anchored node, with the values spent on it since <paramref name="before"/>.</summary>
    private static JsonNode? Anchored(NodeEvent node, JsonNode? value, State state, long before)
    {
        if (node.Anchor.IsEmpty) return value;
        state.Open.Remove(node.Anchor.Value);
        state.Anchors[node.Anchor.Value] = (value?.DeepClone(), state.Values - before);
        return value;
    }

    /// <summary>The positions under a value that a later duplicate key replaces.</summary>
    private static void Forget(Dictionary<string, TextPosition> positions, string path)
    {
        foreach (var k in positions.Keys.Where(k => k.StartsWith(path + ".", StringComparison.Ordinal) || k.StartsWith(path + "[", StringComparison.Ordinal)).ToList())
            positions.Remove(k);
    }

    private static readonly HashSet<string> YamlBooleans = new(StringComparer.Ordinal)
    {
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
    };

    /// <summary>
    /// A plain key as kubectl's YAML conversion (sigs.k8s.io/yaml over go-yaml v2) makes it a JSON key: YAML 1.1
    /// booleans become "true" or "false", integers their decimal digits, floats Go's %g of the float32 value; every
    /// other key (a name, the usual case, decided by its first character) stays as written.
    /// </summary>
    internal static string KeyText(string text)
    {
        if (text.Length == 0) return text;
        var c = text[0];
        if (char.IsAsciiLetter(c)) return YamlBooleans.Contains(text) ? ManifestReader.ResolvePlain(text)!.GetValue<bool>() ? "true" : "false" : text;
        if (!(char.IsAsciiDigit(c) || c is '-' or '+' or '.')) return text;
        var plain = text.Replace("_", "", StringComparison.Ordinal);
        var resolved = ManifestReader.ResolvePlain(text);
        if (resolved is not JsonValue v || v.GetValueKind() != System.Text.Json.JsonValueKind.Number) return text;
        var isFloat = plain.Contains('.', StringComparison.Ordinal) || (!plain.Contains("0x", StringComparison.OrdinalIgnoreCase) && plain.Contains('e', StringComparison.OrdinalIgnoreCase));
        if (!isFloat && v.TryGetValue<long>(out var l)) return l.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return double.TryParse(plain, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? GoFloat32G(d) : text;
    }

    /// <summary>Go's strconv.FormatFloat(f, 'g', -1, 32): the shortest float32 digits, exponent form below 1e-4 and from 1e6.</summary>
    internal static string GoFloat32G(double value)
    {
        var f = (float)value;
        if (f == 0) return "0";
        var shortest = Math.Abs(f).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var e = shortest.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e >= 0 ? shortest[..e] : shortest;
        var exp10 = e >= 0 ? int.Parse(shortest[(e + 1)..], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var whole = dot >= 0 ? mantissa[..dot] : mantissa;
        var joined = whole + (dot >= 0 ? mantissa[(dot + 1)..] : "");
        var significant = joined.TrimStart('0');
        var point = whole.Length - (joined.Length - significant.Length) + exp10; // value = 0.digits × 10^point
        var digits = significant.TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        var sign = f < 0 ? "-" : "";
        var x = point - 1;
        if (x < -4 || x >= 6)
        {
            var m = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
            var exponent = Math.Abs(x).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            return sign + m + "e" + (x < 0 ? "-" : "+") + exponent;
        }
        if (point <= 0) return sign + "0." + new string('0', -point) + digits;
        if (point >= digits.Length) return sign + digits + new string('0', point - digits.Length);
        return sign + digits[..point] + "." + digits[point..];
    }

    private static JsonNode? Resolve(Scalar scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain) return JsonValue.Create(value);
        if (!scalar.Tag.IsEmpty && scalar.Tag.Value == "tag:yaml.org,2002:str") return JsonValue.Create(value);
        return ManifestReader.ResolvePlain(value);
    }
}
