using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Waits;

/// <summary>
/// The JSONPath of kubectl (client-go util/jsonpath) for one expression such as
/// <c>{.status.conditions[?(@.type=="Ready")].status}</c>: fields (with <c>\.</c> for a dot in a key),
/// <c>['key']</c>, <c>[n]</c>, <c>[-1]</c>, slices <c>[a:b:c]</c>, <c>[*]</c> and <c>.*</c>, unions
/// <c>[0,2]</c>, recursive descent <c>..name</c>, and filters with <c>== != &lt; &gt; &lt;= &gt;=</c> or a bare
/// path (exists). Missing keys give no result rather than an error (AllowMissingKeys, as kubectl wait uses);
/// an index out of range, a filter on something that is not a list, or comparing a string with a number
/// is an error, as in kubectl. Not supported: <c>range</c>/<c>end</c> and text around the braces.
/// </summary>
public sealed partial class JsonPathExpression
{
    private readonly List<Step> _steps;

    private JsonPathExpression(string text, List<Step> steps)
    {
        Text = text;
        _steps = steps;
    }

    /// <summary>The expression as parsed, always in the <c>{...}</c> form.</summary>
    public string Text { get; }

    public override string ToString() => Text;

    /// <summary>
    /// kubectl's RelaxedJSONPathExpression: <c>a.b</c>, <c>.a.b</c>, <c>{a.b}</c> and <c>{.a.b}</c> all become
    /// <c>{.a.b}</c>; braces anywhere else are refused.
    /// </summary>
    public static string Relax(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (expression.Length == 0) return expression;
        var m = RelaxedForm().Match(expression);
        if (!m.Success)
            throw ParseError($"unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{{name1.name2}}' or '{{.name1.name2}}' (got \"{expression}\")", expression);
        var field = m.Groups[1].Success && m.Groups[1].Length > 0 ? m.Groups[1].Value : m.Groups[2].Value;
        return "{." + field + "}";
    }

    /// <summary>Parses one <c>{...}</c> expression (use <see cref="Relax"/> first for the short forms).</summary>
    public static JsonPathExpression Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (expression.Length == 0) throw ParseError("jsonpath expression cannot be empty", expression);
        var trimmed = expression.Trim();
        if (!trimmed.StartsWith('{'))
            throw ParseError($"the jsonpath expression \"{expression}\" must be one {{...}} expression", expression);
        var parser = new Parser(trimmed, 1, expression);
        var steps = parser.ParseAction(untilBrace: true);
        if (parser.Position != trimmed.Length)
            throw ParseError($"the jsonpath expression \"{expression}\" must be one {{...}} expression; text after it is not supported here", expression);
        return new JsonPathExpression(trimmed, steps);
    }

    /// <summary>
    /// The values the expression finds in <paramref name="root"/>, in order; a JSON null found is a null
    /// entry. Throws <see cref="K8sException"/> (JsonPathEvaluationFailed) where kubectl's evaluation fails.
    /// </summary>
    public IReadOnlyList<JsonNode?> Evaluate(JsonNode? root)
    {
        try { return Walk([new Item(root)], _steps).Select(i => i.Node).ToList(); }
        catch (EvaluationException e)
        {
            throw new K8sException(new K8sError("JsonPathEvaluationFailed", K8sErrorCategory.InvalidArgument, $"{Text}: {e.Message}")
            {
                RecommendedAction = "Correct the JSONPath expression so that it reaches one value.",
            });
        }
    }

    [GeneratedRegex(@"^\{\.?([^{}]+)\}$|^\.?([^{}]+)$")]
    private static partial Regex RelaxedForm();

    [GeneratedRegex(@"^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$")]
    private static partial Regex SliceForm();

    [GeneratedRegex(@"^'([^']*)'$")]
    private static partial Regex DictKey();

    [GeneratedRegex(@"^([^!<>=]+)([!<>=]+)(.+?)$")]
    private static partial Regex Comparison();

    internal static K8sException ParseError(string message, string expression)
        => new(new K8sError("InvalidJsonPath", K8sErrorCategory.InvalidArgument, message)
        {
            RecommendedAction = $"Correct the JSONPath \"{expression}\", e.g. {{.status.phase}} or {{.status.conditions[?(@.type==\"Ready\")].status}}.",
        });

    // ---- model ----

    /// <summary>A value reached: a JSON node (null for JSON null), or a literal of a filter.</summary>
    private readonly record struct Item(JsonNode? Node);

    private abstract record Step;
    private sealed record FieldStep(string Name) : Step;
    private sealed record WildcardStep : Step;
    private sealed record RecursiveStep : Step;
    private sealed record SliceStep(Param Start, Param End, Param StepSize) : Step;
    private sealed record UnionStep(List<List<Step>> Branches) : Step;
    private sealed record FilterStep(List<Step> Left, string Operator, List<Step> Right) : Step;
    private sealed record LiteralStep(JsonNode Value, bool OncePerInput) : Step;
    private readonly record struct Param(bool Known, int Value, bool Derived);

    private sealed class EvaluationException(string message) : Exception(message);

    // ---- parser (client-go's parser.go, one action) ----

    private sealed class Parser(string input, int position, string original)
    {
        public int Position { get; private set; } = position;

        private char? Peek => Position < input.Length ? input[Position] : null;

        public List<Step> ParseAction(bool untilBrace)
        {
            var steps = new List<Step>();
            while (true)
            {
                if (!untilBrace && Position >= input.Length) return steps;
                var rest = input.AsSpan(Position);
                if (untilBrace && rest.StartsWith("}")) { Position++; return steps; }
                if (rest.StartsWith("[?(")) { steps.Add(ParseFilter()); continue; }
                if (rest.StartsWith(".."))
                {
                    if (steps.Count > 0 && steps[^1] is RecursiveStep) throw ParseError("invalid multiple recursive descent", original);
                    Position += 2;
                    steps.Add(new RecursiveStep());
                    if (Peek is char c && IsAlphaNumeric(c)) steps.Add(ParseField());
                    continue;
                }
                if (Position >= input.Length) throw ParseError("unclosed action", original);
                var r = input[Position++];
                switch (r)
                {
                    case '\r' or '\n': throw ParseError("unclosed action", original);
                    case ' ' or '@' or '$': break;
                    case '[': steps.Add(ParseArray()); break;
                    case '"' or '\'': steps.Add(ParseQuote(r)); break;
                    case '.': steps.Add(ParseField()); break;
                    case '+' or '-': Position--; steps.Add(ParseNumber()); break;
                    default:
                        if (char.IsDigit(r)) { Position--; steps.Add(ParseNumber()); break; }
                        if (IsAlphaNumeric(r)) { Position--; steps.Add(ParseIdentifier()); break; }
                        throw ParseError(string.Create(CultureInfo.InvariantCulture, $"unrecognized character in action: U+{(int)r:X4} '{r}'"), original);
                }
            }
        }

        private Step ParseField()
        {
            var name = new StringBuilder();
            while (Position < input.Length)
            {
                var c = input[Position];
                if (c == '\\' && Position + 1 < input.Length) { name.Append(input[Position + 1]); Position += 2; continue; }
                if (IsTerminator(c)) break;
                name.Append(c);
                Position++;
            }
            return name.ToString() == "*" ? new WildcardStep() : new FieldStep(name.ToString());
        }

        private Step ParseIdentifier()
        {
            var start = Position;
            while (Position < input.Length && !IsTerminator(input[Position])) Position++;
            var word = input[start..Position];
            return word switch
            {
                "true" => new LiteralStep(JsonValue.Create(true), OncePerInput: true),
                "false" => new LiteralStep(JsonValue.Create(false), OncePerInput: true),
                "range" or "end" => throw ParseError($"{{{word}}} is not supported in a wait condition: the expression must reach one value", original),
                _ => throw ParseError($"unrecognized identifier {word}", original),
            };
        }

        private Step ParseNumber()
        {
            var start = Position;
            if (Peek is '+' or '-') Position++;
            while (Position < input.Length && (input[Position] == '.' || char.IsDigit(input[Position]))) Position++;
            var text = input[start..Position];
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
                return new LiteralStep(JsonValue.Create(i), OncePerInput: true);
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                return new LiteralStep(JsonValue.Create(d), OncePerInput: true);
            throw ParseError($"cannot parse number {text}", original);
        }

        private Step ParseQuote(char quote)
        {
            var start = Position - 1;
            while (true)
            {
                if (Position >= input.Length || input[Position] == '\n') throw ParseError("unterminated quoted string", original);
                var c = input[Position++];
                if (c == quote && input[Position - 2] != '\\') break;
            }
            var raw = input[start..Position];
            return new LiteralStep(JsonValue.Create(Unquote(raw[1..^1])), OncePerInput: false);
        }

        private Step ParseArray()
        {
            var start = Position;
            while (true)
            {
                if (Position >= input.Length || input[Position] == '\n') throw ParseError("unterminated array", original);
                if (input[Position++] == ']') break;
            }
            var text = input[start..(Position - 1)];
            if (text == "*") text = ":";

            var parts = text.Split(',');
            if (parts.Length > 1)
                return new UnionStep(parts.Select(p => Sub("[" + p.Trim(' ') + "]")).ToList());

            if (DictKey().Match(text) is { Success: true } key) return new FieldStep(key.Groups[1].Value);

            var m = SliceForm().Match(text);
            if (!m.Success) throw ParseError($"invalid array index {text}", original);
            var values = new[] { m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value };
            var ps = new Param[3];
            for (var i = 0; i < 3; i++)
            {
                var v = values[i];
                if (v.Length > 0)
                {
                    if (i > 0) v = v[1..];
                    if (i > 0 && v.Length == 0) ps[i] = new Param(false, 0, false);
                    else if (int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) ps[i] = new Param(true, n, false);
                    else throw ParseError($"array index {v} is not a number", original);
                }
                else
                {
                    ps[i] = i == 1 ? new Param(true, ps[0].Value + 1, true) : new Param(false, 0, false);
                }
            }
            return new SliceStep(ps[0], ps[1], ps[2]);
        }

        private Step ParseFilter()
        {
            Position += 3;
            var start = Position;
            bool begin = false, end = false;
            var pair = '\0';
            while (true)
            {
                if (Position >= input.Length || input[Position] == '\n') throw ParseError("unterminated filter", original);
                var r = input[Position++];
                if (r is '"' or '\'')
                {
                    if (!begin) { begin = true; pair = r; continue; }
                    if (input[Position - 2] != '\\' && r == pair) end = true;
                }
                else if (r == ')' && begin == end)
                {
                    break;
                }
            }
            if (Position >= input.Length || input[Position++] != ']') throw ParseError("unclosed array expect ]", original);
            var text = input[start..(Position - 2)];
            var m = Comparison().Match(text);
            if (!m.Success) return new FilterStep(Sub(text), "exists", []);
            var op = m.Groups[2].Value;
            if (op is not ("<" or ">" or "==" or "!=" or "<=" or ">="))
                throw ParseError($"unrecognized filter operator {op} (use ==, !=, <, >, <= or >=)", original);
            return new FilterStep(Sub(m.Groups[1].Value), op, Sub(m.Groups[3].Value));
        }

        private List<Step> Sub(string text) => new Parser(text, 0, original).ParseAction(untilBrace: false);

        private static bool IsTerminator(char r) => r is ' ' or '\t' or '\r' or '\n' or '.' or ',' or '[' or ']' or '$' or '@' or '{' or '}';

        private static bool IsAlphaNumeric(char r) => r == '_' || char.IsLetterOrDigit(r);

        private static string Unquote(string s)
        {
            if (!s.Contains('\\')) return s;
            var sb = new StringBuilder();
            for (var i = 0; i < s.Length; i++)
            {
                if (s[i] != '\\' || i + 1 >= s.Length) { sb.Append(s[i]); continue; }
                var c = s[++i];
                switch (c)
                {
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case 'r': sb.Append('\r'); break;
                    case '\\': sb.Append('\\'); break;
                    case 'u' when i + 4 < s.Length && int.TryParse(s.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var u):
                        sb.Append((char)u); i += 4; break;
                    case '"' or '\'': sb.Append(c); break;
                    default: sb.Append('\\').Append(c); break;
                }
            }
            return sb.ToString();
        }
    }

    // ---- evaluation (client-go's jsonpath.go walk) ----

    private static List<Item> Walk(List<Item> input, List<Step> steps)
    {
        var current = input;
        foreach (var step in steps) current = Apply(current, step);
        return current;
    }

    private static List<Item> Apply(List<Item> input, Step step) => step switch
    {
        FieldStep f => Field(input, f.Name),
        WildcardStep => input.Where(i => i.Node is not null).SelectMany(i => Children(i.Node!)).ToList(),
        RecursiveStep => Recursive(input),
        SliceStep s => Slice(input, s),
        UnionStep u => u.Branches.SelectMany(b => Walk(input, b)).ToList(),
        FilterStep f => Filter(input, f),
        LiteralStep { OncePerInput: false } l => [new Item(l.Value.DeepClone())],
        LiteralStep l => input.Select(_ => new Item(l.Value.DeepClone())).ToList(),
        _ => throw new EvaluationException($"unexpected step {step}"),
    };

    private static List<Item> Field(List<Item> input, string name)
    {
        var results = new List<Item>();
        foreach (var item in input)
            if (item.Node is JsonObject o && o.TryGetPropertyValue(name, out var value)) results.Add(new Item(value));
        return results;
    }

    private static IEnumerable<Item> Children(JsonNode node) => node switch
    {
        JsonObject o => o.Select(p => new Item(p.Value)),
        JsonArray a => a.Select(v => new Item(v)),
        _ => [],
    };

    private static List<Item> Recursive(List<Item> input)
    {
        var result = new List<Item>();
        foreach (var item in input)
        {
            if (item.Node is null) continue;
            var children = Children(item.Node).ToList();
            if (children.Count == 0) continue;
            result.Add(item);
            result.AddRange(Recursive(children));
        }
        return result;
    }

    private static List<Item> Slice(List<Item> input, SliceStep s)
    {
        var result = new List<Item>();
        foreach (var item in input)
        {
            if (item.Node is null) continue;
            if (item.Node is not JsonArray array) throw new EvaluationException($"{GoType(item.Node)} is not array or slice");
            var length = array.Count;
            var start = s.Start.Known ? s.Start.Value : 0;
            if (start < 0) start += length;
            var end = s.End.Known ? s.End.Value : length;
            if (end < 0 || (end == 0 && s.End.Derived)) end += length;
            if (end == start) return result;
            if (start >= length || start < 0)
                throw new EvaluationException(string.Create(CultureInfo.InvariantCulture, $"array index out of bounds: index {start}, length {length}"));
            if (end > length || end < 0)
                throw new EvaluationException(string.Create(CultureInfo.InvariantCulture, $"array index out of bounds: index {end - 1}, length {length}"));
            if (start > end)
                throw new EvaluationException(string.Create(CultureInfo.InvariantCulture, $"starting index {start} is greater than ending index {end}"));
            var step = 1;
            if (s.StepSize.Known)
            {
                if (s.StepSize.Value <= 0) throw new EvaluationException("step must be > 0");
                step = s.StepSize.Value;
            }
            for (var i = start; i < end; i += step) result.Add(new Item(array[i]));
        }
        return result;
    }

    private static List<Item> Filter(List<Item> input, FilterStep f)
    {
        var results = new List<Item>();
        foreach (var item in input)
        {
            if (item.Node is not JsonArray array)
                throw new EvaluationException($"{GoValue(item.Node)} is not array or slice and cannot be filtered");
            foreach (var element in array)
            {
                var temp = new List<Item> { new(element) };
                if (f.Operator == "exists")
                {
                    try
                    {
                        if (Walk(temp, f.Left).Count > 0) results.Add(new Item(element));
                    }
                    catch (EvaluationException) { }
                    continue;
                }
                var lefts = Walk(temp, f.Left);
                if (lefts.Count == 0) continue;
                if (lefts.Count > 1) throw new EvaluationException("can only compare one element at a time");
                var rights = Walk(temp, f.Right);
                if (rights.Count == 0) continue;
                if (rights.Count > 1) throw new EvaluationException("can only compare one element at a time");
                if (Compare(lefts[0].Node, f.Operator, rights[0].Node)) results.Add(new Item(element));
            }
        }
        return results;
    }

    private enum BasicKind { Bool, Int, Float, String }

    /// <summary>text/template's comparison rules, which client-go's filters use: same kinds only; bools only for == and !=.</summary>
    private static bool Compare(JsonNode? left, string op, JsonNode? right)
    {
        var (lk, lv) = Basic(left);
        var (rk, rv) = Basic(right);
        if (op is "==" or "!=")
        {
            if (lk != rk) throw new EvaluationException("incompatible types for comparison");
            var equal = lk switch
            {
                BasicKind.Bool => (bool)lv == (bool)rv,
                BasicKind.Int => (long)lv == (long)rv,
                BasicKind.Float => (double)lv == (double)rv,
                _ => string.Equals((string)lv, (string)rv, StringComparison.Ordinal),
            };
            return op == "==" ? equal : !equal;
        }
        if (lk == BasicKind.Bool || rk == BasicKind.Bool) throw new EvaluationException("invalid type for comparison");
        if (lk != rk) throw new EvaluationException("incompatible types for comparison");
        var order = lk switch
        {
            BasicKind.Int => ((long)lv).CompareTo((long)rv),
            BasicKind.Float => ((double)lv).CompareTo((double)rv),
            _ => string.CompareOrdinal((string)lv, (string)rv),
        };
        return op switch { "<" => order < 0, ">" => order > 0, "<=" => order <= 0, _ => order >= 0 };
    }

    private static (BasicKind, object) Basic(JsonNode? node)
    {
        if (node is not JsonValue v) throw new EvaluationException("invalid type for comparison");
        switch (v.GetValueKind())
        {
            case JsonValueKind.True: return (BasicKind.Bool, true);
            case JsonValueKind.False: return (BasicKind.Bool, false);
            case JsonValueKind.String: return (BasicKind.String, v.GetValue<string>());
            case JsonValueKind.Number:
                var text = v.ToJsonString();
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return (BasicKind.Int, l);
                return (BasicKind.Float, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
            default: throw new EvaluationException("invalid type for comparison");
        }
    }

    /// <summary>The Go type name kubectl's errors show for a decoded JSON value.</summary>
    private static string GoType(JsonNode node) => node switch
    {
        JsonObject => "map[string]interface {}",
        JsonArray => "[]interface {}",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "bool",
            _ => long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? "int64" : "float64",
        },
        _ => "interface {}",
    };

    private static string GoValue(JsonNode? node) => node is null ? "<nil>" : WaitCondition.GoText(node);
}
