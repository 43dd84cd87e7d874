using System.Globalization;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Labels;

namespace K8sPS.Engine.Nodes;

/// <summary>
/// Reads label selectors in kubectl's syntax (apimachinery's labels.Parse): requirements separated by commas, each
/// <c>key</c>, <c>!key</c>, <c>key=value</c> (or ==), <c>key!=value</c>, <c>key in (a,b)</c>, <c>key notin (a,b)</c>,
/// <c>key&gt;n</c> or <c>key&lt;n</c>; keys and values checked by the label rules. Lets affinity be written the way
/// selectors are written everywhere else (-Selector, kubectl -l).
/// </summary>
public static class SelectorParser
{
    private const string Special = "!=(),<>";

    public static IReadOnlyList<SelectorRequirement> Parse(string selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var tokens = Tokenize(selector);
        var result = new List<SelectorRequirement>();
        var i = 0;
        if (tokens.Count == 0) throw Invalid(selector, "it is empty");
        while (i < tokens.Count)
        {
            var negated = tokens[i] == "!";
            if (negated) i++;
            var key = Identifier(selector, tokens, ref i, "a key");
            CheckKey(selector, key);
            if (negated)
            {
                result.Add(new SelectorRequirement(key, "DoesNotExist", []));
            }
            else if (i == tokens.Count || tokens[i] == ",")
            {
                result.Add(new SelectorRequirement(key, "Exists", []));
            }
            else
            {
                var op = tokens[i++];
                switch (op)
                {
                    case "=" or "==" or "!=":
                        var value = i < tokens.Count && tokens[i] != "," ? Identifier(selector, tokens, ref i, "a value") : "";
                        CheckValue(selector, value);
                        result.Add(new SelectorRequirement(key, op == "!=" ? "NotIn" : "In", [value], Equality: op != "!="));
                        break;
                    case "in" or "notin":
                        result.Add(new SelectorRequirement(key, op == "in" ? "In" : "NotIn", ValueSet(selector, tokens, ref i)));
                        break;
                    case ">" or "<":
                        var number = Identifier(selector, tokens, ref i, "a number");
                        if (!long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                            throw Invalid(selector, $"'{number}' after {op} is not an integer");
                        result.Add(new SelectorRequirement(key, op == ">" ? "Gt" : "Lt", [number]));
                        break;
                    default:
                        throw Invalid(selector, $"found '{op}' after '{key}', expected one of =, ==, !=, in, notin, >, <");
                }
            }
            if (i == tokens.Count) break;
            if (tokens[i] != ",") throw Invalid(selector, $"found '{tokens[i]}', expected ','");
            i++;
            if (i == tokens.Count) throw Invalid(selector, "it ends with ','");
        }
        return result;
    }

    private static List<string> ValueSet(string selector, List<string> tokens, ref int i)
    {
        if (i >= tokens.Count || tokens[i] != "(") throw Invalid(selector, "expected '(' after in/notin");
        i++;
        var values = new List<string>();
        while (true)
        {
            if (i >= tokens.Count) throw Invalid(selector, "a '(' is not closed");
            if (tokens[i] == ")") { i++; break; }
            if (tokens[i] == ",") { values.Add(""); i++; continue; }
            var v = tokens[i++];
            CheckValue(selector, v);
            values.Add(v);
            if (i < tokens.Count && tokens[i] == ",") i++;
        }
        if (values.Count == 0) throw Invalid(selector, "in and notin need at least one value");
        return values;
    }

    private static string Identifier(string selector, List<string> tokens, ref int i, string what)
    {
        if (i >= tokens.Count) throw Invalid(selector, $"expected {what} at the end");
        var t = tokens[i];
        if ((t.Length == 1 && Special.Contains(t[0], StringComparison.Ordinal)) || t is "==" or "!=")
            throw Invalid(selector, $"found '{t}', expected {what}");
        i++;
        return t;
    }

    private static List<string> Tokenize(string s)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (Special.Contains(c, StringComparison.Ordinal))
            {
                if ((c == '=' || c == '!') && i + 1 < s.Length && s[i + 1] == '=') { tokens.Add(s.Substring(i, 2)); i += 2; }
                else { tokens.Add(c.ToString()); i++; }
                continue;
            }
            var start = i;
            while (i < s.Length && !char.IsWhiteSpace(s[i]) && !Special.Contains(s[i], StringComparison.Ordinal)) i++;
            tokens.Add(s[start..i]);
        }
        return tokens;
    }

    private static void CheckKey(string selector, string key)
    {
        if (LabelRules.KeyErrors(key) is { Count: > 0 } e) throw Invalid(selector, $"invalid label key \"{key}\": {string.Join("; ", e)}");
    }

    private static void CheckValue(string selector, string value)
    {
        if (LabelRules.ValueErrors(value) is { Count: > 0 } e) throw Invalid(selector, $"invalid label value: \"{value}\": {string.Join("; ", e)}");
    }

    private static K8sException Invalid(string selector, string why)
        => new(new K8sError("InvalidSelector", K8sErrorCategory.InvalidArgument, $"invalid selector \"{selector}\": {why}.")
        {
            RecommendedAction = "Write it as kubectl -l does: key=value, key!=value, key in (a,b), key notin (a,b), key, !key, key>1, joined by commas.",
        });
}
