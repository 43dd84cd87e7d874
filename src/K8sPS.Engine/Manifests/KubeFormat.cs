using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using K8sPS.Engine.Lint;

namespace K8sPS.Engine.Manifests;

/// <summary>
/// Writes objects as <c>kubectl get -o json</c> and <c>-o yaml</c> print them, byte for byte: kubectl marshals
/// JSON with Go's encoding/json (sorted keys, 4-space indent, HTML-safe escapes) and YAML with go-yaml v2
/// (its own key order, indentless lists, quoting only where a plain scalar would change meaning, 80-column folding).
/// </summary>
public static partial class KubeFormat
{
    /// <summary>Any KubernetesClient model (V1Deployment...) as JSON, with kubectl's timestamps and no nulls.</summary>
    public static JsonNode? FromModel(object model)
    {
        var node = Normalize(JsonNode.Parse(k8s.KubernetesJson.Serialize(model)));
        AddNullTimestamps(node, ModelSchema.TypeFor(model.GetType()));
        return node;
    }

    /// <summary>
    /// The server (Go) always writes ObjectMeta.creationTimestamp, as null in templates; the client models drop
    /// nulls, so put it back where it belongs to print what kubectl prints.
    /// </summary>
    private static void AddNullTimestamps(JsonNode? node, FieldType type)
    {
        switch (type.Shape)
        {
            case FieldShape.Object when node is JsonObject o && type.ObjectType is not null:
                if (type.ObjectType == typeof(k8s.Models.V1ObjectMeta))
                {
                    if (!o.ContainsKey("creationTimestamp")) o["creationTimestamp"] = null;
                    return;
                }
                var fields = ModelSchema.FieldsOf(type.ObjectType);
                foreach (var (k, v) in o)
                    if (fields.TryGetValue(k, out var ft) && ft.Shape is FieldShape.Object or FieldShape.List or FieldShape.Map)
                        AddNullTimestamps(v, ft);
                break;
            case FieldShape.List when node is JsonArray a && type.Element is { Shape: FieldShape.Object } e:
                foreach (var item in a) AddNullTimestamps(item, e);
                break;
            case FieldShape.Map when node is JsonObject m && type.Element is { Shape: FieldShape.Object } e:
                foreach (var (_, v) in m) AddNullTimestamps(v, e);
                break;
        }
    }

    /// <summary>Drops nulls (kubectl omits empty fields) and trims KubernetesClient's zero fractions from timestamps.</summary>
    public static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    var child = o[key];
                    if (child is null) { o.Remove(key); continue; }
                    var n = Normalize(child);
                    if (!ReferenceEquals(n, child)) o[key] = n;
                }
                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    var n = Normalize(a[i]);
                    if (!ReferenceEquals(n, a[i])) a[i] = n;
                }
                return a;
            case JsonValue v when v.TryGetValue<string>(out var s) && ZeroFractionTimestamp().IsMatch(s):
                return JsonValue.Create(s[..s.IndexOf('.')] + "Z");
            default:
                return node;
        }
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.0+Z$")] private static partial Regex ZeroFractionTimestamp();

    /// <summary>Drops metadata.managedFields (of a List's items too), as kubectl does unless --show-managed-fields.</summary>
    public static void HideManagedFields(JsonNode? node)
    {
        (node?["metadata"] as JsonObject)?.Remove("managedFields");
        if (node?["items"] is JsonArray items)
            foreach (var item in items) (item?["metadata"] as JsonObject)?.Remove("managedFields");
    }

    /// <summary>Several objects print as kubectl prints a list: kind List with the objects as items.</summary>
    public static JsonObject AsList(IEnumerable<JsonNode?> items) => new()
    {
        ["apiVersion"] = "v1",
        ["items"] = new JsonArray(items.Select(i => i?.DeepClone()).ToArray()),
        ["kind"] = "List",
        ["metadata"] = new JsonObject { ["resourceVersion"] = "" },
    };

    // ---------------------------------------------------------------- JSON (Go encoding/json MarshalIndent)

    public static string ToJson(JsonNode? node)
    {
        var sb = new StringBuilder();
        WriteJson(sb, node, 0);
        sb.Append('\n');
        return sb.ToString();
    }

    private static void WriteJson(StringBuilder sb, JsonNode? node, int depth)
    {
        switch (node)
        {
            case null: sb.Append("null"); break;
            case JsonObject o:
                if (o.Count == 0) { sb.Append("{}"); break; }
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    sb.Append(first ? "\n" : ",\n");
                    first = false;
                    sb.Append(' ', (depth + 1) * 4);
                    WriteJsonString(sb, key);
                    sb.Append(": ");
                    WriteJson(sb, value, depth + 1);
                }
                sb.Append('\n').Append(' ', depth * 4).Append('}');
                break;
            case JsonArray a:
                if (a.Count == 0) { sb.Append("[]"); break; }
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    sb.Append(i == 0 ? "\n" : ",\n");
                    sb.Append(' ', (depth + 1) * 4);
                    WriteJson(sb, a[i], depth + 1);
                }
                sb.Append('\n').Append(' ', depth * 4).Append(']');
                break;
            case JsonValue v:
                WriteJsonScalar(sb, v);
                break;
        }
    }

    private static void WriteJsonScalar(StringBuilder sb, JsonValue v)
    {
        var element = v.GetValueKind();
        switch (element)
        {
            case JsonValueKind.String: WriteJsonString(sb, v.GetValue<object>() is JsonElement je ? je.GetString()! : v.ToString()); break;
            case JsonValueKind.True: sb.Append("true"); break;
            case JsonValueKind.False: sb.Append("false"); break;
            case JsonValueKind.Number: sb.Append(GoNumber(v, json: true)); break;
            default: sb.Append("null"); break;
        }
    }

    private static void WriteJsonString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '<': sb.Append("\\u003c"); break;
                case '>': sb.Append("\\u003e"); break;
                case '&': sb.Append("\\u0026"); break;
                case '\u2028': sb.Append("\\u2028"); break;
                case '\u2029': sb.Append("\\u2029"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    /// <summary>
    /// A number as Go prints it: integers whole; floats in their shortest form, as encoding/json ('f', or 'e'
    /// outside 1e-6..1e21) or go-yaml ('g': 'e' when the exponent is below -4 or at least 6) does.
    /// </summary>
    private static string GoNumber(JsonValue v, bool json)
    {
        var raw = v.ToJsonString();
        if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            return l.ToString(CultureInfo.InvariantCulture);
        var d = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (d == 0) return "0";
        var (digits, exp) = ShortestDigits(d);
        var sign = d < 0 ? "-" : "";
        var abs = Math.Abs(d);
        if (json)
        {
            if (abs >= 1e-6 && abs < 1e21) return sign + Fixed(digits, exp);
            // encoding/json shortens e-09 to e-9 and keeps e+21 as it is.
            return sign + Exponent(digits, exp, padNegative: false);
        }
        return sign + (exp < -4 || exp >= 6 ? Exponent(digits, exp, padNegative: true) : Fixed(digits, exp));
    }

    /// <summary>The shortest round-trip significant digits of |d| and the decimal exponent of the first one.</summary>
    private static (string Digits, int Exp) ShortestDigits(double d)
    {
        var s = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        var e = s.IndexOf('E');
        var mantissa = e >= 0 ? s[..e] : s;
        var e10 = e >= 0 ? int.Parse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var dot = mantissa.IndexOf('.');
        var whole = dot >= 0 ? mantissa[..dot] : mantissa;
        var all = whole + (dot >= 0 ? mantissa[(dot + 1)..] : "");
        var significant = all.TrimStart('0');
        var leadingZeros = all.Length - significant.Length;
        var digits = significant.TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, whole.Length - 1 - leadingZeros + e10);
    }

    private static string Fixed(string digits, int exp)
    {
        if (exp < 0) return "0." + new string('0', -exp - 1) + digits;
        var whole = digits.Length > exp + 1 ? digits[..(exp + 1)] : digits.PadRight(exp + 1, '0');
        var fraction = digits.Length > exp + 1 ? digits[(exp + 1)..] : "";
        return fraction.Length == 0 ? whole : whole + "." + fraction;
    }

    private static string Exponent(string digits, int exp, bool padNegative)
    {
        var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
        var magnitude = Math.Abs(exp);
        var text = exp >= 0 || padNegative ? magnitude.ToString("00", CultureInfo.InvariantCulture) : magnitude.ToString(CultureInfo.InvariantCulture);
        return $"{mantissa}e{(exp < 0 ? "-" : "+")}{text}";
    }

    // ---------------------------------------------------------------- YAML (go-yaml v2 emitter)

    private const int BestWidth = 80;

    public static string ToYaml(JsonNode? node)
    {
        var w = new YamlWriter();
        w.WriteDocument(node);
        return w.ToString();
    }

    /// <summary>go-yaml v2's map key order: letters after other characters, digit runs compared as numbers.</summary>
    public static int CompareKeys(string a, string b)
    {
        var ar = a.EnumerateRunes().ToArray();
        var br = b.EnumerateRunes().ToArray();
        for (var i = 0; i < ar.Length && i < br.Length; i++)
        {
            if (ar[i] == br[i]) continue;
            var al = Rune.IsLetter(ar[i]);
            var bl = Rune.IsLetter(br[i]);
            if (al && bl) return ar[i].Value.CompareTo(br[i].Value);
            if (al || bl) return bl ? -1 : 1;
            long an = 0, bn = 0;
            if (ar[i].Value == '0' || br[i].Value == '0')
            {
                for (var j = i - 1; j >= 0 && Rune.IsDigit(ar[j]); j--)
                {
                    if (ar[j].Value != '0') { an = 1; bn = 1; break; }
                }
            }
            int ai, bi;
            for (ai = i; ai < ar.Length && Rune.IsDigit(ar[ai]); ai++) an = an * 10 + (ar[ai].Value - '0');
            for (bi = i; bi < br.Length && Rune.IsDigit(br[bi]); bi++) bn = bn * 10 + (br[bi].Value - '0');
            if (an != bn) return an.CompareTo(bn);
            if (ai != bi) return ai.CompareTo(bi);
            return ar[i].Value.CompareTo(br[i].Value);
        }
        return ar.Length.CompareTo(br.Length);
    }

    private static readonly Comparer<string> KeyComparer = Comparer<string>.Create(CompareKeys);

    private sealed class YamlWriter
    {
        private readonly StringBuilder _sb = new();
        private int _column;

        public override string ToString() => _sb.ToString();

        public void WriteDocument(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o when o.Count > 0: WriteMapping(o, 0); break;
                case JsonArray a when a.Count > 0: WriteSequence(a, 0); break;
                default: WriteScalarOrEmpty(node, 0, simpleKey: false); break;
            }
            if (_column > 0) Newline();
        }

        private void Write(string s)
        {
            _sb.Append(s);
            var nl = s.LastIndexOf('\n');
            _column = nl >= 0 ? s.Length - nl - 1 : _column + s.Length;
        }

        private void Newline() { _sb.Append('\n'); _column = 0; }

        private void Indent(int indent)
        {
            if (_column > 0) Newline();
            _sb.Append(' ', indent);
            _column = indent;
        }

        // Block mapping at the given indent; the cursor is at the start of a line or after "- ".
        private void WriteMapping(JsonObject o, int indent)
        {
            var first = true;
            foreach (var (key, value) in o.OrderBy(p => p.Key, KeyComparer))
            {
                if (!first || _column == 0) Indent(indent);
                first = false;
                WriteScalarText(key, indent, simpleKey: true, forceString: true);
                Write(":");
                WriteValue(value, indent, inMapping: true);
            }
        }

        private void WriteSequence(JsonArray a, int indent)
        {
            var first = true;
            foreach (var item in a)
            {
                if (!first || _column == 0) Indent(indent);
                first = false;
                Write("-");
                WriteValue(item, indent, inMapping: false);
            }
        }

        private void WriteValue(JsonNode? value, int indent, bool inMapping)
        {
            switch (value)
            {
                case JsonObject o when o.Count > 0:
                    if (inMapping) { Newline(); WriteMapping(o, indent + 2); }
                    else { Write(" "); WriteMapping(o, indent + 2); }
                    break;
                case JsonArray a when a.Count > 0:
                    // go-yaml v2 does not indent a list under a mapping key.
                    if (inMapping) { Newline(); WriteSequence(a, indent); }
                    else { Write(" "); WriteSequence(a, indent + 2); }
                    break;
                default:
                    Write(" ");
                    WriteScalarOrEmpty(value, indent + 2, simpleKey: false);
                    break;
            }
        }

        private void WriteScalarOrEmpty(JsonNode? value, int indent, bool simpleKey)
        {
            switch (value)
            {
                case null: Write("null"); break;
                case JsonObject: Write("{}"); break;
                case JsonArray: Write("[]"); break;
                case JsonValue v:
                    switch (v.GetValueKind())
                    {
                        case JsonValueKind.String: WriteScalarText(v.GetValue<object>() is JsonElement je ? je.GetString()! : v.ToString(), indent, simpleKey, forceString: true); break;
                        case JsonValueKind.True: Write("true"); break;
                        case JsonValueKind.False: Write("false"); break;
                        case JsonValueKind.Number: Write(GoNumber(v, json: false)); break;
                        default: Write("null"); break;
                    }
                    break;
            }
        }

        private void WriteScalarText(string s, int indent, bool simpleKey, bool forceString)
        {
            var style = ChooseStyle(s, simpleKey);
            switch (style)
            {
                case Style.Plain: WritePlainOrSingle(s, indent, simpleKey, quote: false); break;
                case Style.Single: WritePlainOrSingle(s, indent, simpleKey, quote: true); break;
                case Style.Literal: WriteLiteral(s, indent); break;
                default: WriteDouble(s, indent, simpleKey); break;
            }
        }

        private enum Style { Plain, Single, Double, Literal }

        private static Style ChooseStyle(string s, bool simpleKey)
        {
            Style requested;
            if (s.Contains('\n')) requested = Style.Literal;
            else if (ResolvesToNonString(s) || IsBase60Float(s)) requested = Style.Double;
            else requested = Style.Plain;

            var a = Analyze(s);
            if (requested == Style.Plain)
            {
                if (!a.BlockPlainAllowed) requested = Style.Single;
                if (s.Length == 0 && simpleKey) requested = Style.Single;
            }
            if (requested == Style.Single && !a.SingleAllowed) requested = Style.Double;
            if (requested == Style.Literal && (!a.BlockAllowed || simpleKey)) requested = Style.Double;
            return requested;
        }

        private static bool ResolvesToNonString(string s)
        {
            if (s.Length == 0) return true;
            var node = ManifestReader.ResolvePlain(s);
            if (node is null) return true;
            var kind = node.GetValueKind();
            if (kind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number) return true;
            // go-yaml v2 also resolves these as floats.
            return s is ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF" or ".nan" or ".NaN" or ".NAN"
                || (s.Length > 2 && s[0] == '0' && s[1] is 'b' && s[2..].All(c => c is '0' or '1'))
                || Timestamp().IsMatch(s);
        }

        // "1:20" is a sexagesimal float in YAML 1.1; go-yaml quotes such strings.
        private static bool IsBase60Float(string s) => Base60().IsMatch(s);

        private record struct Analysis(bool BlockPlainAllowed, bool SingleAllowed, bool BlockAllowed);

        private static bool IsPrintable(char c) =>
            c == '\n' || (c >= 0x20 && c <= 0x7E) || c == 0x85 || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF)
            || char.IsSurrogate(c);

        private static Analysis Analyze(string s)
        {
            if (s.Length == 0) return new(false, true, false);
            bool blockIndicators = false, lineBreaks = false, special = false;
            bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
            bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
            if (s.StartsWith("---", StringComparison.Ordinal) || s.StartsWith("...", StringComparison.Ordinal))
            blockIndicators = true;
            var precededByWhitespace = true;
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                var followedByWhitespace = i + 1 >= s.Length || s[i + 1] is ' ' or '\t' or '\n' or '\r';
                if (i == 0)
                {
                    switch (c)
                    {
                        case '#' or ',' or '[' or ']' or '{' or '}' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`':
                            blockIndicators = true; break;
                        case '?' or ':':
                            if (followedByWhitespace) blockIndicators = true; break;
                        case '-':
                            if (followedByWhitespace) blockIndicators = true;
                            break;
                    }
                }
                else
                {
                    switch (c)
                    {
                        case ',' or '?' or '[' or ']' or '{' or '}': break; // flow indicators: we only write block style
                        case ':':
                            if (followedByWhitespace) blockIndicators = true; break;
                        case '#':
                            if (precededByWhitespace) blockIndicators = true;
                            break;
                    }
                }
                if (!IsPrintable(c)) special = true;
                if (c == '\n') lineBreaks = true;
                if (c == ' ')
                {
                    if (i == 0) leadingSpace = true;
                    if (i == s.Length - 1) trailingSpace = true;
                    if (previousBreak) breakSpace = true;
                    previousSpace = true; previousBreak = false;
                }
                else if (c == '\n')
                {
                    if (i == 0) leadingBreak = true;
                    if (i == s.Length - 1) trailingBreak = true;
                    if (previousSpace) spaceBreak = true;
                    previousBreak = true; previousSpace = false;
                }
                else { previousSpace = false; previousBreak = false; }
                precededByWhitespace = c is ' ' or '\t' or '\n' or '\r';
            }
            bool blockPlain = true, single = true, block = true;
            if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
            if (trailingSpace) block = false;
            if (breakSpace) { blockPlain = false; single = false; }
            if (spaceBreak || special) { blockPlain = false; single = false; block = false; }
            if (lineBreaks) blockPlain = false;
            if (blockIndicators) blockPlain = false;
            return new(blockPlain, single, block);
        }

        // Plain and single-quoted scalars break at a space once past column 80 (not in keys).
        private void WritePlainOrSingle(string s, int indent, bool simpleKey, bool quote)
        {
            if (quote) Write("'");
            var sb = new StringBuilder();
            var spaces = false;
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (c == ' ')
                {
                    if (!simpleKey && !spaces && _column + sb.Length > BestWidth && i + 1 < s.Length && s[i + 1] != ' '
                        && (!quote || (i != 0 && i != s.Length - 1)))
                    {
                        Write(sb.ToString()); sb.Clear();
                        Indent(indent);
                    }
                    else sb.Append(c);
                    spaces = true;
                }
                else
                {
                    if (quote && c == '\'') sb.Append("''");
                    else sb.Append(c);
                    spaces = false;
                }
            }
            Write(sb.ToString());
            if (quote) Write("'");
        }

        private void WriteDouble(string s, int indent, bool simpleKey)
        {
            var sb = new StringBuilder("\"");
            var spaces = false;
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (!IsPrintable(c) || c == '\uFEFF' || c is '\n' or '"' or '\\')
                {
                    sb.Append(c switch
                    {
                        '\0' => "\\0", '\a' => "\\a", '\b' => "\\b", '\t' => "\\t", '\n' => "\\n", '\v' => "\\v", '\f' => "\\f",
                        '\r' => "\\r", '\u001b' => "\\e", '"' => "\\\"", '\\' => "\\\\", '\u0085' => "\\N", '\u00a0' => "\\_",
                        '\u2028' => "\\L", '\u2029' => "\\P",
                        _ => c <= 0xFF ? $"\\x{(int)c:X2}" : $"\\u{(int)c:X4}",
                    });
                    spaces = false;
                }
                else if (c == ' ')
                {
                    if (!simpleKey && !spaces && _column + sb.Length > BestWidth && i != 0 && i != s.Length - 1)
                    {
                        Write(sb.ToString()); sb.Clear();
                        Indent(indent);
                        if (i + 1 < s.Length && s[i + 1] == ' ') sb.Append('\\');
                    }
                    else sb.Append(c);
                    spaces = true;
                }
                else { sb.Append(c); spaces = false; }
            }
            sb.Append('"');
            Write(sb.ToString());
        }

        private void WriteLiteral(string s, int indent)
        {
            var hints = new StringBuilder("|");
            if (s[0] is ' ' or '\n') hints.Append('2');
            if (s[^1] != '\n') hints.Append('-');
            else if (s.Length == 1 || s[^2] == '\n') hints.Append('+');
            Write(hints.ToString());
            Newline();
            var breaks = true;
            foreach (var c in s)
            {
                if (c == '\n') { Newline(); breaks = true; continue; }
                if (breaks) { _sb.Append(' ', indent); _column = indent; }
                _sb.Append(c); _column++;
                breaks = false;
            }
        }
    }

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")] private static partial Regex Base60();

    // go-yaml v2 reads these as timestamps, so strings that look like them are quoted.
    [GeneratedRegex(@"^\d{4}-\d{1,2}-\d{1,2}(?:[Tt]\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})| \d{1,2}:\d{1,2}:\d{1,2}(?:\.\d+)?)?$")] private static partial Regex Timestamp();
}
