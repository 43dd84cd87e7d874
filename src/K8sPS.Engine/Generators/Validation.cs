using System.Text.RegularExpressions;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Generators;

/// <summary>
/// Checks made before anything is sent, with the server's own wording where the server would reject the
/// same input, and for what it would silently accept but no node could run (an image with a space).
/// </summary>
public static partial class Validation
{
    private const string Dns1123SubdomainRule =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com')";
    private const string Dns1035LabelRule =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name')";

    /// <summary>Causes for a name that cannot be an object name (metadata.name) of most kinds.</summary>
    public static IEnumerable<K8sErrorCause> ObjectName(string? name, string field = "metadata.name")
    {
        if (string.IsNullOrEmpty(name)) { yield return new(field, "FieldValueRequired", "Required value: a name is required"); yield break; }
        if (name.Length > 253) yield return new(field, "FieldValueInvalid", $"Invalid value: \"{name}\": must be no more than 253 characters");
        if (!Dns1123Subdomain().IsMatch(name)) yield return new(field, "FieldValueInvalid", $"Invalid value: \"{name}\": {Dns1123SubdomainRule}");
    }

    /// <summary>Causes for a service name: a DNS-1035 label, at most 63 characters.</summary>
    public static IEnumerable<K8sErrorCause> ServiceName(string? name, string field = "metadata.name")
    {
        if (string.IsNullOrEmpty(name)) { yield return new(field, "FieldValueRequired", "Required value: a name is required"); yield break; }
        if (name.Length > 63) yield return new(field, "FieldValueInvalid", $"Invalid value: \"{name}\": must be no more than 63 characters");
        if (!Dns1035Label().IsMatch(name)) yield return new(field, "FieldValueInvalid", $"Invalid value: \"{name}\": {Dns1035LabelRule}");
    }

    /// <summary>Causes for a label value (used for app=&lt;name&gt;): at most 63 characters of [A-Za-z0-9-_.].</summary>
    public static IEnumerable<K8sErrorCause> LabelValue(string value, string field)
    {
        if (value.Length > 63) yield return new(field, "FieldValueInvalid", $"Invalid value: \"{value}\": must be no more than 63 characters");
        if (value.Length > 0 && !LabelValuePattern().IsMatch(value))
            yield return new(field, "FieldValueInvalid", $"Invalid value: \"{value}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
    }

    /// <summary>Causes for an image reference that no container runtime can pull.</summary>
    public static IEnumerable<K8sErrorCause> Image(string? image, string field)
    {
        if (string.IsNullOrWhiteSpace(image)) { yield return new(field, "FieldValueRequired", "Required value: an image is required"); yield break; }
        if (image.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            yield return new(field, "FieldValueInvalid", $"Invalid value: \"{image}\": an image reference must not contain spaces or control characters");
    }

    /// <summary>Throws one InvalidArgument error listing every cause, when there are any.</summary>
    public static void ThrowIfAny(IEnumerable<K8sErrorCause> causes, string kind, string? name)
    {
        var list = causes.ToList();
        if (list.Count == 0) return;
        var detail = string.Join(", ", list.Select(c => c.ToString()));
        throw new K8sException(new K8sError("Invalid", K8sErrorCategory.InvalidArgument,
            $"{kind} \"{name}\" is invalid: {detail}. Nothing was sent to the cluster.")
        {
            Kind = kind,
            Name = name,
            Causes = list,
        });
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex(@"^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035Label();

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex LabelValuePattern();
}
