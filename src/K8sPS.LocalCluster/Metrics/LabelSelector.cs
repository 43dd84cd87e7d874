using System.Globalization;

namespace K8sPS.LocalCluster.Metrics;

/// <summary>
/// A label selector in the query-string form the API takes (<c>app=web,tier!=db,env in (a,b),!legacy,gen&gt;2</c>),
/// parsed and matched as apimachinery's labels.Parse does. The empty selector matches everything.
/// </summary>
internal sealed class LabelSelector
{
    private enum Op { Exists, DoesNotExist, Equals, NotEquals, In, NotIn, GreaterThan, LessThan }

    private sealed record Requirement(string Key, Op Op, IReadOnlyList<string> Values);

    private readonly IReadOnlyList<Requirement> _requirements;

    private LabelSelector(IReadOnlyList<Requirement> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public bool Matches(IDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        foreach (var r in _requirements)
        {
            var has = labels.TryGetValue(r.Key, out var value);
            var ok = r.Op switch
            {
                Op.Exists => has,
                Op.DoesNotExist => !has,
                Op.Equals or Op.In => has && r.Values.Contains(value!),
                Op.NotEquals or Op.NotIn => !has || !r.Values.Contains(value!),
                Op.GreaterThan => has && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var g) && g > long.Parse(r.Values[0], CultureInfo.InvariantCulture),
                Op.LessThan => has && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) && l < long.Parse(r.Values[0], CultureInfo.InvariantCulture),
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }

    /// <summary>Parses <paramref name="text"/>; false with the reason when it is not a selector.</summary>
    public static bool TryParse(string? text, out LabelSelector selector, out string? error)
    {
        selector = Everything;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var tokens = Tokenize(text);
        var requirements = new List<Requirement>();
        var i = 0;
        string? Next() => i < tokens.Count ? tokens[i] : null;
        while (i < tokens.Count)
        {
            var negated = false;
            if (Next() == "!")
            {
                negated = true;
                i++;
            }
            var key = Next();
            if (key is null || IsOperator(key))
            {
                error = $"found '{key ?? "end of string"}', expected: identifier";
                return false;
            }
            i++;
            if (!IsLabelKey(key))
            {
                error = $"invalid label key \"{key}\"";
                return false;
            }
            var op = Next();
            if (negated || op is null || op == ",")
            {
                requirements.Add(new Requirement(key, negated ? Op.DoesNotExist : Op.Exists, []));
                if (negated && op is not null && op != ",")
                {
                    error = $"found '{op}', expected: ',' or 'end of string'";
                    return false;
                }
            }
            else
            {
                i++;
                switch (op)
                {
                    case "=" or "==" or "!=":
                    {
                        var value = Next();
                        if (value is null || value == ",") value = "";
                        else if (IsOperator(value))
                        {
                            error = $"found '{value}', expected: identifier";
                            return false;
                        }
                        else i++;
                        if (!IsLabelValue(value))
                        {
                            error = $"invalid label value: \"{value}\"";
                            return false;
                        }
                        requirements.Add(new Requirement(key, op == "!=" ? Op.NotEquals : Op.Equals, [value]));
                        break;
                    }
                    case "in" or "notin":
                    {
                        if (Next() != "(")
                        {
                            error = $"found '{Next() ?? "end of string"}', expected: '('";
                            return false;
                        }
                        i++;
                        var values = new List<string>();
                        while (true)
                        {
                            var t = Next();
                            if (t is null)
                            {
                                error = "found 'end of string', expected: ')'";
                                return false;
                            }
                            if (t == ")") { i++; break; }
                            if (t == ",") { i++; continue; }
                            if (IsOperator(t) || !IsLabelValue(t))
                            {
                                error = $"invalid label value: \"{t}\"";
                                return false;
                            }
                            values.Add(t);
                            i++;
                        }
                        if (values.Count == 0) values.Add("");
                        requirements.Add(new Requirement(key, op == "in" ? Op.In : Op.NotIn, values));
                        break;
                    }
                    case ">" or "<":
                    {
                        var value = Next();
                        if (value is null || !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                        {
                            error = $"for 'Gt', 'Lt' operators, the value must be an integer";
                            return false;
                        }
                        i++;
                        requirements.Add(new Requirement(key, op == ">" ? Op.GreaterThan : Op.LessThan, [value]));
                        break;
                    }
                    default:
                        error = $"found '{op}', expected: '=', '!=', '==', 'in', notin'";
                        return false;
                }
            }
            var separator = Next();
            if (separator is null) break;
            if (separator != ",")
            {
                error = $"found '{separator}', expected: ',' or 'end of string'";
                return false;
            }
            i++;
        }
        selector = new LabelSelector(requirements);
        return true;
    }

    private static bool IsOperator(string token) => token is "!" or "=" or "==" or "!=" or "(" or ")" or "," or ">" or "<";

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c is '(' or ')' or ',' or '>' or '<') { tokens.Add(c.ToString()); i++; continue; }
            if (c == '!')
            {
                if (i + 1 < text.Length && text[i + 1] == '=') { tokens.Add("!="); i += 2; }
                else { tokens.Add("!"); i++; }
                continue;
            }
            if (c == '=')
            {
                if (i + 1 < text.Length && text[i + 1] == '=') { tokens.Add("=="); i += 2; }
                else { tokens.Add("="); i++; }
                continue;
            }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')' or ',' or '>' or '<' or '!' or '=')) i++;
            tokens.Add(text[start..i]);
        }
        return tokens;
    }

    // A qualified name with an optional DNS-subdomain prefix: [prefix/]name, name ≤ 63 of [A-Za-z0-9-_.].
    private static bool IsLabelKey(string key)
    {
        var slash = key.LastIndexOf('/');
        var name = slash >= 0 ? key[(slash + 1)..] : key;
        if (slash >= 0 && (slash == 0 || slash > 253)) return false;
        return name.Length is > 0 and <= 63 && IsNameChars(name);
    }

    private static bool IsLabelValue(string value) => value.Length == 0 || (value.Length <= 63 && IsNameChars(value));

    private static bool IsNameChars(string s) =>
        char.IsAsciiLetterOrDigit(s[0]) && char.IsAsciiLetterOrDigit(s[^1]) &&
        s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
