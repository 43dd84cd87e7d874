using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Waits;

/// <summary>
/// A parsed <c>kubectl wait --for</c> condition (kubectl 1.32's rules) and its check against one version
/// of an object of any kind. The caller gets and watches the object; this only says whether it is there yet.
/// </summary>
public sealed class WaitCondition
{
    /// <summary>What kubectl prints after the object's name when the wait is over.</summary>
    public const string MetText = "condition met";

    private WaitCondition(string spec, WaitKind kind, string? conditionType, string? conditionStatus, JsonPathExpression? path, string? expected)
    {
        Spec = spec;
        Kind = kind;
        ConditionType = conditionType;
        ConditionStatus = conditionStatus;
        Path = path;
        ExpectedValue = expected;
    }

    /// <summary>The text as the user gave it.</summary>
    public string Spec { get; }
    public WaitKind Kind { get; }
    /// <summary>For <see cref="WaitKind.Condition"/>: the condition type, compared case-insensitively.</summary>
    public string? ConditionType { get; }
    /// <summary>For <see cref="WaitKind.Condition"/>: the wanted status ("true" unless given), compared case-insensitively.</summary>
    public string? ConditionStatus { get; }
    /// <summary>For <see cref="WaitKind.JsonPath"/>: the expression.</summary>
    public JsonPathExpression? Path { get; }
    /// <summary>For <see cref="WaitKind.JsonPath"/>: the value wanted (compared exactly, spaces trimmed), or null for any value.</summary>
    public string? ExpectedValue { get; }

    /// <summary>A short description for messages: <c>condition Ready=true</c>, <c>{.status.phase}=Running</c>, <c>delete</c>.</summary>
    public string Description => Kind switch
    {
        WaitKind.Condition => $"condition {ConditionType}={ConditionStatus}",
        WaitKind.JsonPath => ExpectedValue is null ? $"jsonpath {Path}" : $"jsonpath {Path}={ExpectedValue}",
        WaitKind.Delete => "delete",
        _ => "create",
    };

    public override string ToString() => Spec;

    /// <summary>
    /// Parses <c>delete</c>, <c>create</c> (either in any case), <c>condition=Type</c>,
    /// <c>condition=Type=value</c>, <c>jsonpath={expr}</c> and <c>jsonpath={expr}=value</c> (the value's
    /// surrounding quotes dropped; <c>==</c> inside a filter is not a separator), with kubectl's errors.
    /// Stricter than kubectl in one place: an empty condition type or value is refused rather than waited for.
    /// </summary>
    public static WaitCondition Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var lower = spec.ToLowerInvariant();
        if (lower == "delete") return new WaitCondition(spec, WaitKind.Delete, null, null, null, null);
        if (lower == "create") return new WaitCondition(spec, WaitKind.Create, null, null, null, null);
        if (spec.StartsWith("condition=", StringComparison.Ordinal))
        {
            var name = spec["condition=".Length..];
            var value = "true";
            if (name.IndexOf('=', StringComparison.Ordinal) is var eq and >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
                if (value.Length == 0) throw Invalid(spec, $"\"{spec}\" has no condition value after the second '='", "Write condition=Ready=False, or condition=Ready for True.");
            }
            if (name.Length == 0) throw Invalid(spec, $"\"{spec}\" names no condition type", "Write condition=<Type>, e.g. condition=Ready or condition=Available.");
            return new WaitCondition(spec, WaitKind.Condition, name, value, null, null);
        }
        if (spec.StartsWith("jsonpath=", StringComparison.Ordinal))
        {
            var parts = SplitOnSingleEquals(spec["jsonpath=".Length..]);
            if (parts.Count is < 1 or > 2)
                throw Invalid(spec, "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'",
                    "Use one '=' between the expression and the value; inside a filter write '=='.");
            var relaxed = JsonPathExpression.Relax(parts[0]);
            string? expected = null;
            if (parts.Count == 2)
            {
                expected = parts[1].Trim('\'', '"');
                if (expected.Length == 0)
                    throw Invalid(spec, "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3",
                        "Give the value after '=', or drop the '=' to wait for any value.");
            }
            var path = JsonPathExpression.Parse(relaxed);
            return new WaitCondition(spec, WaitKind.JsonPath, null, null, path, expected);
        }
        throw Invalid(spec, $"unrecognized condition: \"{spec}\"",
            "Use delete, create, condition=<Type>[=<value>] or jsonpath={<expression>}[=<value>] (the prefixes are lower case).");
    }

    /// <summary>
    /// Checks one version of the object; <paramref name="current"/> is null when the object does not exist.
    /// For delete, an object whose UID differs from <paramref name="originalUid"/> counts as deleted, as in
    /// kubectl. A condition or jsonpath wait on a missing object is "not met" here; kubectl fails it
    /// NotFound. Throws <see cref="K8sException"/> where kubectl gives up: a jsonpath reaching more than one
    /// value or a map or list, an evaluation error, status.conditions that is not a list.
    /// </summary>
    public WaitCheck Check(JsonObject? current, string? originalUid = null) => Kind switch
    {
        WaitKind.Delete => CheckDeleted(current, originalUid),
        WaitKind.Create => current is null ? new WaitCheck(false, "the object does not exist yet") : new WaitCheck(true, "the object exists"),
        WaitKind.Condition => current is null ? new WaitCheck(false, "the object does not exist") : CheckCondition(current),
        _ => current is null ? new WaitCheck(false, "the object does not exist") : CheckJsonPath(current),
    };

    /// <summary>
    /// kubectl's timeout error ("timed out waiting for the condition on pods/web"), followed by what was last seen.
    /// <paramref name="resource"/> is the plural resource name kubectl prints (pods, deployments).
    /// </summary>
    public K8sError TimeoutError(string resource, string name, WaitCheck? lastSeen, string? ns = null)
        => new("WaitTimeout", K8sErrorCategory.Timeout,
            $"timed out waiting for the condition on {resource}/{name}{(lastSeen is null ? "" : $" ({Description}); last seen: {lastSeen.Observed}")}")
        {
            Name = name,
            Namespace = ns,
            RecommendedAction = "Wait longer (-Timeout), or look at the object and its events for why the condition does not hold.",
        };

    private static WaitCheck CheckDeleted(JsonObject? current, string? originalUid)
    {
        if (current is null) return new WaitCheck(true, "the object is gone");
        var uid = Str(current["metadata"]?["uid"]);
        if (!string.IsNullOrEmpty(originalUid) && !string.IsNullOrEmpty(uid) && uid != originalUid)
            return new WaitCheck(true, $"the object was deleted and created again (UID {uid})");
        var deleting = Str(current["metadata"]?["deletionTimestamp"]);
        if (deleting is null) return new WaitCheck(false, "the object still exists and is not being deleted");
        var finalizers = (current["metadata"]?["finalizers"] as JsonArray)?.Select(f => Str(f)).Where(f => f is not null).ToList() ?? [];
        return new WaitCheck(false, $"the object is being deleted (since {deleting}){(finalizers.Count == 0 ? "" : "; waiting for finalizers: " + string.Join(", ", finalizers))}");
    }

    /// <summary>kubectl 1.32's ConditionalWait.checkCondition, including its observedGeneration check.</summary>
    private WaitCheck CheckCondition(JsonObject obj)
    {
        var conditionsNode = obj["status"] is JsonObject status && status.TryGetPropertyValue("conditions", out var c) ? c : null;
        if (conditionsNode is null) return new WaitCheck(false, "the object has no status.conditions");
        if (conditionsNode is not JsonArray conditions)
            throw new K8sException(new K8sError("WaitConditionUnusable", K8sErrorCategory.InvalidArgument,
                $".status.conditions accessor error: {GoText(conditionsNode)} is of the type {conditionsNode.GetValueKind()}, expected a list")
            {
                RecommendedAction = "This object's status.conditions is not a list; wait on it with jsonpath= instead.",
            });

        var seen = new List<string>();
        foreach (var entry in conditions)
        {
            if (entry is not JsonObject condition) return new WaitCheck(false, $"status.conditions holds {GoText(entry)}, which is not a condition");
            var type = Str(condition["type"]);
            var statusText = Str(condition["status"]);
            if (type is not null) seen.Add(statusText is null ? type : $"{type}={statusText}");
            if (type is null || !string.Equals(type, ConditionType, StringComparison.OrdinalIgnoreCase)) continue;
            if (statusText is null) continue;
            if (Int(obj["metadata"]?["generation"]) is long generation
                && (Int(condition["observedGeneration"]) ?? Int(obj["status"]?["observedGeneration"])) is long observed
                && observed < generation)
                return new WaitCheck(false, $"condition {type} is {statusText}, but it was observed at generation {F(observed)} and the object is at generation {F(generation)}");
            var met = string.Equals(statusText, ConditionStatus, StringComparison.OrdinalIgnoreCase);
            var reason = Str(condition["reason"]);
            var message = Str(condition["message"]);
            var detail = reason is null && message is null ? "" : $" ({string.Join(": ", new[] { reason, message }.Where(s => !string.IsNullOrEmpty(s)))})";
            return new WaitCheck(met, $"condition {type} is {statusText}{detail}");
        }
        return new WaitCheck(false, seen.Count == 0 ? $"no {ConditionType} condition; status.conditions is empty"
            : $"no {ConditionType} condition; the conditions are {string.Join(", ", seen)}");
    }

    /// <summary>kubectl 1.32's JSONPathWait.checkCondition.</summary>
    private WaitCheck CheckJsonPath(JsonObject obj)
    {
        var results = Path!.Evaluate(obj);
        if (results.Count == 0) return new WaitCheck(false, $"{Path} is not set");
        if (results.Count > 1)
            throw Unusable($"given jsonpath expression matches more than one value: {Path} found {F(results.Count)} ({string.Join(", ", results.Take(5).Select(r => r is null ? "<nil>" : GoText(r)))}{(results.Count > 5 ? ", ..." : "")})",
                "Narrow the expression to one value, e.g. with an index [0] or a filter [?(@.name==\"x\")].");
        var value = results[0];
        if (ExpectedValue is null) return new WaitCheck(true, $"{Path} is {Shown(value)}");
        if (value is JsonObject or JsonArray)
            throw Unusable($"jsonpath leads to a nested object or list which is not supported: {Path} is {GoText(value)}",
                "Point the expression at a single field (a string, number or boolean).");
        var text = value is null ? "<nil>" : GoText(value);
        return new WaitCheck(string.Equals(text.Trim(), ExpectedValue.Trim(), StringComparison.Ordinal), $"{Path} is {Shown(value)}");
    }

    private static string Shown(JsonNode? value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? $"\"{v.GetValue<string>()}\"" : value is null ? "<nil>" : GoText(value);

    private static K8sException Unusable(string message, string action)
        => new(new K8sError("WaitConditionUnusable", K8sErrorCategory.InvalidArgument, message) { RecommendedAction = action });

    private static K8sException Invalid(string spec, string message, string action)
        => new(new K8sError("InvalidWaitCondition", K8sErrorCategory.InvalidArgument, message) { RecommendedAction = action + $" (got \"{spec}\")" });

    /// <summary>kubectl's splitJSONPathInput: split on each single '=', keep '==' as it is.</summary>
    private static List<string> SplitOnSingleEquals(string input)
    {
        var output = new List<string>();
        var element = new StringBuilder();
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] == '=')
            {
                if (i < input.Length - 1 && input[i + 1] == '=')
                {
                    element.Append("==");
                    i++;
                    continue;
                }
                output.Add(element.ToString());
                element.Clear();
                continue;
            }
            element.Append(input[i]);
        }
        output.Add(element.ToString());
        return output;
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static long? Int(JsonNode? node)
        => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
           && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : null;

    private static string F(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>A decoded JSON value as Go's fmt %v prints it (what kubectl compares a jsonpath value with).</summary>
    internal static string GoText(JsonNode? node)
    {
        switch (node)
        {
            case null: return "<nil>";
            case JsonObject o:
                return "map[" + string.Join(" ", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ":" + GoText(p.Value))) + "]";
            case JsonArray a:
                return "[" + string.Join(" ", a.Select(GoText)) + "]";
            default:
                var v = (JsonValue)node;
                switch (v.GetValueKind())
                {
                    case JsonValueKind.String: return v.GetValue<string>();
                    case JsonValueKind.True: return "true";
                    case JsonValueKind.False: return "false";
                    case JsonValueKind.Number:
                        var text = v.ToJsonString();
                        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return F(l);
                        return GoFloat(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
                    default: return v.ToJsonString();
                }
        }
    }

    /// <summary>
    /// Go's %v of a float64 (strconv 'g' with the shortest digits): %e form when the exponent is below -4 or
    /// 6 and above (1e+06, 1.5e-05), plain digits otherwise (0.0001, 123456.5).
    /// </summary>
    internal static string GoFloat(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "+Inf";
        if (double.IsNegativeInfinity(value)) return "-Inf";
        if (value == 0) return double.IsNegative(value) ? "-0" : "0";
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        string digits;
        int dp; // the decimal point's position after the first digit of `digits`
        var ePos = shortest.IndexOf('E', StringComparison.Ordinal);
        if (ePos >= 0)
        {
            digits = shortest[..ePos].Replace(".", "", StringComparison.Ordinal).TrimEnd('0');
            dp = int.Parse(shortest[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) + 1;
        }
        else
        {
            var dot = shortest.IndexOf('.', StringComparison.Ordinal);
            var intPart = dot < 0 ? shortest : shortest[..dot];
            var all = intPart + (dot < 0 ? "" : shortest[(dot + 1)..]);
            var significant = all.TrimStart('0');
            digits = significant.TrimEnd('0');
            dp = intPart.Length - (all.Length - significant.Length);
        }
        var sign = value < 0 ? "-" : "";
        var exp = dp - 1;
        if (exp < -4 || exp >= 6)
        {
            var mantissa = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            return $"{sign}{mantissa}e{(exp < 0 ? '-' : '+')}{Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture)}";
        }
        if (dp <= 0) return $"{sign}0.{new string('0', -dp)}{digits}";
        if (dp >= digits.Length) return sign + digits + new string('0', dp - digits.Length);
        return $"{sign}{digits[..dp]}.{digits[dp..]}";
    }
}
