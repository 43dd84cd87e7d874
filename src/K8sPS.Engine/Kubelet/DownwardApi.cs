using System.Globalization;
using System.Text;
using k8s.Models;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Labels;

namespace K8sPS.Engine.Kubelet;

/// <summary>
/// What the kubelet puts in a fieldRef or resourceFieldRef (env valueFrom and downwardAPI files): the pod fields
/// it supports, labels and annotations as "k=\"v\"" lines, resources divided by the divisor and rounded up, limits
/// that are not set taken from the node's allocatable. Errors carry the kubelet's own text.
/// </summary>
public static class DownwardApi
{
    /// <summary>The value of <paramref name="selector"/> for an environment variable (podFieldSelectorRuntimeValue).</summary>
    public static string FieldValue(V1Pod pod, V1ObjectFieldSelector selector)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(selector);
        var version = string.IsNullOrEmpty(selector.ApiVersion) ? "v1" : selector.ApiVersion; // the API defaults it
        if (version != "v1") throw Fail($"unsupported pod version: {version}");
        var path = selector.FieldPath ?? "";
        if (SplitSubscript(path) is { } sub)
        {
            if (sub.Path is not ("metadata.annotations" or "metadata.labels")) throw Fail($"field label does not support subscript: {path}");
        }
        else
        {
            path = path switch
            {
                "spec.host" => "spec.nodeName",
                "metadata.annotations" or "metadata.labels" or "metadata.name" or "metadata.namespace" or "metadata.uid" or "spec.nodeName"
                    or "spec.restartPolicy" or "spec.serviceAccountName" or "spec.schedulerName" or "status.phase" or "status.hostIP"
                    or "status.podIP" or "status.podIPs" => path,
                _ => throw Fail($"field label not supported: {path}"),
            };
        }
        return path switch
        {
            "spec.nodeName" => pod.Spec?.NodeName ?? "",
            "spec.serviceAccountName" => pod.Spec?.ServiceAccountName ?? "",
            "status.hostIP" => pod.Status?.HostIP ?? "",
            "status.podIP" => pod.Status?.PodIP ?? "",
            "status.podIPs" => string.Join(",", PodIps(pod)),
            _ => FieldPathValue(pod, path),
        };
    }

    /// <summary>The value of a metadata field for a downwardAPI file (fieldpath.ExtractFieldPathAsString).</summary>
    public static string FieldPathValue(V1Pod pod, string fieldPath)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(fieldPath);
        var meta = pod.Metadata ?? new V1ObjectMeta();
        if (SplitSubscript(fieldPath) is { } sub)
        {
            switch (sub.Path)
            {
                case "metadata.annotations":
                    if (LabelRules.KeyErrors(sub.Key.ToLowerInvariant()) is { Count: > 0 } a)
                        throw Fail($"invalid key subscript in {fieldPath}: {string.Join(";", a)}");
                    return meta.Annotations?.TryGetValue(sub.Key, out var annotation) == true ? annotation ?? "" : "";
                case "metadata.labels":
                    if (LabelRules.KeyErrors(sub.Key) is { Count: > 0 } l)
                        throw Fail($"invalid key subscript in {fieldPath}: {string.Join(";", l)}");
                    return meta.Labels?.TryGetValue(sub.Key, out var label) == true ? label ?? "" : "";
                default:
                    throw Fail($"fieldPath \"{fieldPath}\" does not support subscript");
            }
        }
        return fieldPath switch
        {
            "metadata.annotations" => FormatMap(meta.Annotations),
            "metadata.labels" => FormatMap(meta.Labels),
            "metadata.name" => meta.Name ?? "",
            "metadata.namespace" => meta.NamespaceProperty ?? "",
            "metadata.uid" => meta.Uid ?? "",
            _ => throw Fail($"unsupported fieldPath: {fieldPath}"),
        };
    }

    /// <summary>
    /// The value of a resourceFieldRef as the kubelet computes it for <paramref name="container"/> of
    /// <paramref name="pod"/>: limits not set (or zero) come from <paramref name="nodeAllocatable"/> (cpu, memory,
    /// ephemeral-storage); requests not set default to the limits the pod spec gives, as the API server defaults
    /// them; the result is rounded up to whole divisors (default 1).
    /// </summary>
    public static string ResourceValue(V1Pod pod, V1Container container, V1ResourceFieldSelector selector, IDictionary<string, ResourceQuantity>? nodeAllocatable)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(selector);
        if (nodeAllocatable is null) throw Fail("failed to find node object, expected a node");
        V1Container target;
        if (string.IsNullOrEmpty(selector.ContainerName))
        {
            target = WithNodeLimits(container, nodeAllocatable);
        }
        else
        {
            // The kubelet gives node limits to the pod's containers, not to its init containers.
            var regular = pod.Spec?.Containers?.FirstOrDefault(c => c.Name == selector.ContainerName);
            var init = pod.Spec?.InitContainers?.FirstOrDefault(c => c.Name == selector.ContainerName);
            target = regular is not null ? WithNodeLimits(regular, nodeAllocatable)
                : init is not null ? WithNodeLimits(init, null)
                : throw Fail($"container {selector.ContainerName} not found");
        }
        return ContainerResourceValue(target, selector);
    }

    /// <summary>The value for a downwardAPI volume file (ExtractResourceValueByContainerNameAndNodeAllocatable).</summary>
    internal static string VolumeResourceValue(V1Pod pod, V1ResourceFieldSelector selector, IDictionary<string, ResourceQuantity>? nodeAllocatable)
    {
        if (nodeAllocatable is null) throw Fail("failed to find node object, expected a node");
        var container = pod.Spec?.Containers?.FirstOrDefault(c => c.Name == selector.ContainerName)
            ?? pod.Spec?.InitContainers?.FirstOrDefault(c => c.Name == selector.ContainerName)
            ?? throw Fail($"container {selector.ContainerName} not found");
        return ContainerResourceValue(WithNodeLimits(container, nodeAllocatable), selector);
    }

    private static string ContainerResourceValue(V1Container container, V1ResourceFieldSelector selector)
    {
        var divisor = selector.Divisor is { } d && d.ToDecimal() != 0 ? d.ToDecimal() : 1m;
        var resources = container.Resources;
        var resource = selector.Resource ?? "";
        string? limitsOrRequests = resource.StartsWith("limits.", StringComparison.Ordinal) ? "limits"
            : resource.StartsWith("requests.", StringComparison.Ordinal) ? "requests" : null;
        var name = limitsOrRequests is null ? "" : resource[(limitsOrRequests.Length + 1)..];
        if (limitsOrRequests is null || name is not ("cpu" or "memory" or "ephemeral-storage") && !name.StartsWith("hugepages-", StringComparison.Ordinal))
            throw Fail($"unsupported container resource : {resource}");
        var list = limitsOrRequests == "limits" ? resources?.Limits : resources?.Requests;
        var quantity = list is not null && list.TryGetValue(name, out var q) && q is not null ? q.ToDecimal() : 0m;
        var result = name == "cpu"
            ? Math.Ceiling(CeilingScaled(quantity, 1000m) / CeilingScaled(divisor, 1000m))
            : Math.Ceiling(CeilingScaled(quantity, 1m) / CeilingScaled(divisor, 1m));
        return ((long)result).ToString(CultureInfo.InvariantCulture);
    }

    // Quantity.MilliValue() and Value(): the quantity in that unit, rounded up.
    private static decimal CeilingScaled(decimal value, decimal scale) => Math.Ceiling(value * scale);

    /// <summary>A copy whose requests default to its limits (API defaulting) and whose missing limits come from the node.</summary>
    private static V1Container WithNodeLimits(V1Container container, IDictionary<string, ResourceQuantity>? allocatable)
    {
        var limits = new Dictionary<string, ResourceQuantity>(container.Resources?.Limits ?? new Dictionary<string, ResourceQuantity>(), StringComparer.Ordinal);
        var requests = new Dictionary<string, ResourceQuantity>(container.Resources?.Requests ?? new Dictionary<string, ResourceQuantity>(), StringComparer.Ordinal);
        foreach (var (name, limit) in limits) requests.TryAdd(name, limit);
        if (allocatable is not null)
            foreach (var name in new[] { "cpu", "memory", "ephemeral-storage" })
                if ((!limits.TryGetValue(name, out var limit) || limit is null || limit.ToDecimal() == 0) && allocatable.TryGetValue(name, out var cap))
                    limits[name] = cap;
        return new V1Container { Name = container.Name, Resources = new V1ResourceRequirements { Limits = limits, Requests = requests } };
    }

    internal static IEnumerable<string> PodIps(V1Pod pod)
        => pod.Status?.PodIPs is { Count: > 0 } ips ? ips.Select(i => i.Ip)
            : string.IsNullOrEmpty(pod.Status?.PodIP) ? [] : [pod.Status.PodIP];

    /// <summary>fieldpath.FormatMap: sorted key="value" lines (values quoted as Go's %q), no final newline.</summary>
    public static string FormatMap(IDictionary<string, string>? map)
    {
        if (map is null || map.Count == 0) return "";
        return string.Join("\n", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={GoQuote(p.Value ?? "")}"));
    }

    /// <summary>Go's strconv.Quote.</summary>
    internal static string GoQuote(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (IsPrint(rune)) sb.Append(rune.ToString());
                    else if (rune.Value < 0x80) sb.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
                    else if (rune.Value < 0x10000) sb.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}");
                    else sb.Append(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}");
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    // Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols, and the ASCII space only.
    private static bool IsPrint(Rune rune) => rune.Value == ' ' || Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
            or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
            or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation
            or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol => true,
        _ => false,
    };

    /// <summary>fieldpath.SplitMaybeSubscriptedPath: "metadata.labels['k']" is ("metadata.labels", "k").</summary>
    internal static (string Path, string Key)? SplitSubscript(string fieldPath)
    {
        if (!fieldPath.EndsWith("']", StringComparison.Ordinal)) return null;
        var s = fieldPath[..^2];
        var at = s.IndexOf("['", StringComparison.Ordinal);
        if (at <= 0) return null;
        return (s[..at], s[(at + 2)..]);
    }

    private static K8sException Fail(string message) => new(new K8sError("DownwardApiFailed", K8sErrorCategory.InvalidArgument, message));
}
