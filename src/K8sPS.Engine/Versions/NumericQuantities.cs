using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using K8sPS.Engine.Lint;
using K8sPS.Engine.Manifests;

namespace K8sPS.Engine.Versions;

/// <summary>
/// Quantities (cpu: 0.5, memory: 1e3, storage: 10) that YAML reads as numbers, rewritten as the text the server
/// would read: kubectl sends the number as JSON (Go's encoding of the float or integer YAML gave it) and the server
/// parses those characters as a quantity; sent as a string, the same characters are parsed the same way, so the
/// stored object is kubectl's, byte for byte. Only the branches of a kind's type that can hold a quantity are walked.
/// </summary>
internal static class NumericQuantities
{
    private static readonly ConcurrentDictionary<Type, bool> Holds = new();

    /// <summary>One quantity rewritten: where, what YAML gave, and the text sent.</summary>
    internal sealed record Rewrite(string Path, string Number, string Text);

    /// <summary>
    /// The model type to find quantities by: the kind's own in its API version, else (a version the client models no
    /// longer have, as policy/v1beta1 or autoscaling/v2beta2 on a 1.20 server) the newest stable one of the same group,
    /// whose quantities sit at the same places.
    /// </summary>
    public static Type? ModelOf(string apiVersion, string kind)
    {
        if (ModelSchema.TypeOf(apiVersion, kind) is { } exact) return exact;
        var slash = apiVersion.LastIndexOf('/');
        var group = slash < 0 ? "" : apiVersion[..slash];
        var candidate = ModelSchema.VersionsOf(kind)
            .Where(v => (v.LastIndexOf('/') is var i && i < 0 ? "" : v[..i]) == group)
            .OrderByDescending(v => Rank(v[(v.LastIndexOf('/') + 1)..]))
            .FirstOrDefault();
        return candidate is null ? null : ModelSchema.TypeOf(candidate, kind);
    }

    /// <summary>v2 above v1 above v2beta2 above v1beta1 above any alpha.</summary>
    private static (int Stability, int Major, int Minor) Rank(string version)
    {
        var m = System.Text.RegularExpressions.Regex.Match(version, @"^v(\d+)(?:(alpha|beta)(\d+))?$");
        if (!m.Success) return (-1, 0, 0);
        var stability = m.Groups[2].Value switch { "" => 2, "beta" => 1, _ => 0 };
        return (stability, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[3].Success ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 0);
    }

    /// <summary>Rewrites every numeric quantity of <paramref name="body"/>, an object of model type <paramref name="model"/>.</summary>
    public static List<Rewrite> ToText(JsonObject body, Type model)
    {
        var rewrites = new List<Rewrite>();
        if (HoldsQuantity(model)) Visit(body, new FieldType(FieldShape.Object, model), "", rewrites);
        return rewrites;
    }

    private static void Visit(JsonNode? node, FieldType type, string path, List<Rewrite> rewrites)
    {
        switch (type.Shape)
        {
            case FieldShape.Object when node is JsonObject o && type.ObjectType is not null:
                var fields = ModelSchema.FieldsOf(type.ObjectType);
                foreach (var key in o.Select(p => p.Key).ToList())
                    if (fields.TryGetValue(key, out var ft) && HoldsQuantity(ft))
                        Replace(o, key, ft, ManifestDocument.Child(path, key), rewrites);
                break;
            case FieldShape.List when node is JsonArray a && type.Element is not null:
                for (var i = 0; i < a.Count; i++)
                {
                    var itemPath = ManifestDocument.Item(path, i);
                    if (type.Element.Shape == FieldShape.Quantity && AsText(a[i]) is { } text) { rewrites.Add(new(itemPath, a[i]!.ToJsonString(), text)); a[i] = text; }
                    else Visit(a[i], type.Element, itemPath, rewrites);
                }
                break;
            case FieldShape.Map when node is JsonObject m && type.Element is not null:
                foreach (var key in m.Select(p => p.Key).ToList())
                    Replace(m, key, type.Element, ManifestDocument.Child(path, key), rewrites);
                break;
        }
    }

    private static void Replace(JsonObject parent, string key, FieldType type, string path, List<Rewrite> rewrites)
    {
        var value = parent[key];
        if (type.Shape == FieldShape.Quantity)
        {
            if (AsText(value) is { } text)
            {
                rewrites.Add(new(path, value!.ToJsonString(), text));
                parent[key] = text;
            }
        }
        else Visit(value, type, path, rewrites);
    }

    /// <summary>The text of a number as Go's encoding/json writes it (what kubectl sends); null for anything but a number.</summary>
    internal static string? AsText(JsonNode? node)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number) return null;
        if (v.TryGetValue<long>(out var l)) return l.ToString(CultureInfo.InvariantCulture);
        if (v.TryGetValue<int>(out var i)) return i.ToString(CultureInfo.InvariantCulture);
        return v.TryGetValue<double>(out var d) ? GoFloat(d) : v.ToJsonString();
    }

    /// <summary>
    /// Go's encoding/json for a float64: the shortest digits that read back the same, in plain notation from 1e-6 up
    /// to 1e21, else as 1e+21 or 1.5e-7 (Go drops the leading zero of a one-digit negative exponent).
    /// </summary>
    internal static string GoFloat(double d)
    {
        if (d == 0) return "0";
        var (digits, exponent) = Shortest(Math.Abs(d)); // |d| = 0.digits × 10^exponent
        var sign = d < 0 ? "-" : "";
        var abs = Math.Abs(d);
        if (abs < 1e-6 || abs >= 1e21)
        {
            var mantissa = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
            var e = exponent - 1;
            var exp = e < 0 ? "-" + (-e).ToString(CultureInfo.InvariantCulture) : "+" + e.ToString("00", CultureInfo.InvariantCulture);
            return sign + mantissa + "e" + exp;
        }
        if (exponent <= 0) return sign + "0." + new string('0', -exponent) + digits;
        if (exponent >= digits.Length) return sign + digits + new string('0', exponent - digits.Length);
        return sign + digits[..exponent] + "." + digits[exponent..];
    }

    /// <summary>The shortest digits that read back as <paramref name="abs"/> (as Go's and .NET's "R" find them) and the exponent, as 0.ddd × 10^exponent.</summary>
    private static (string Digits, int Exponent) Shortest(double abs)
    {
        var text = abs.ToString("R", CultureInfo.InvariantCulture); // "0.5", "1000", "1E+21", "1.5E-07"
        var ePos = text.IndexOf('E', StringComparison.Ordinal);
        var mantissa = ePos >= 0 ? text[..ePos] : text;
        var exp10 = ePos >= 0 ? int.Parse(text[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var whole = dot >= 0 ? mantissa[..dot] : mantissa;
        var joined = whole + (dot >= 0 ? mantissa[(dot + 1)..] : "");
        var significant = joined.TrimStart('0');
        var exponent = whole.Length - (joined.Length - significant.Length) + exp10;
        return (significant.TrimEnd('0'), exponent);
    }

    /// <summary>True when a value of this type can hold a quantity somewhere inside it.</summary>
    private static bool HoldsQuantity(FieldType type) => type.Shape switch
    {
        FieldShape.Quantity => true,
        FieldShape.Object => type.ObjectType is not null && HoldsQuantity(type.ObjectType),
        FieldShape.List or FieldShape.Map => type.Element is not null && HoldsQuantity(type.Element),
        _ => false,
    };

    private static bool HoldsQuantity(Type model)
    {
        if (Holds.TryGetValue(model, out var known)) return known;
        // Recursive types (JSONSchemaProps) meet themselves: count the way back as holding nothing while looking.
        Holds[model] = false;
        var holds = ModelSchema.FieldsOf(model).Values.Any(HoldsQuantity);
        Holds[model] = holds;
        return holds;
    }
}
