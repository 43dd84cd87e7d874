using System.Text.RegularExpressions;

namespace K8sPS.Engine.Labels;

/// <summary>
/// The apiserver's rules for label keys and values (apimachinery's IsQualifiedName and IsValidLabelValue), with
/// their own wording, so a bad key or value is refused before anything is sent and the message names the rule
/// exactly as kubectl and the server do.
/// </summary>
public static partial class LabelRules
{
    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string QualifiedNameMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueFormat = "(" + QualifiedNameFormat + ")?";
    private const string LabelValueMessage = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string SubdomainFormat = @"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private const string SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

    /// <summary>The longest name part of a key, and the longest value.</summary>
    public const int MaxLength = 63;

    /// <summary>What is wrong with a label (or taint) key: empty when it is a valid qualified name ([prefix/]name).</summary>
    public static IReadOnlyList<string> KeyErrors(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var errors = new List<string>();
        var parts = key.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0) errors.Add("prefix part must be non-empty");
                else
                {
                    if (prefix.Length > 253) errors.Add("prefix part must be no more than 253 characters");
                    if (!Subdomain().IsMatch(prefix)) errors.Add("prefix part " + RegexError(SubdomainMessage, SubdomainFormat, "example.com"));
                }
                break;
            default:
                return ["a qualified name " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
        }
        if (name.Length == 0) errors.Add("name part must be non-empty");
        else if (name.Length > MaxLength) errors.Add($"name part must be no more than {MaxLength} characters");
        if (!QualifiedName().IsMatch(name)) errors.Add("name part " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc"));
        return errors;
    }

    /// <summary>What is wrong with a label (or taint) value: empty when valid (the empty value is).</summary>
    public static IReadOnlyList<string> ValueErrors(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var errors = new List<string>();
        if (value.Length > MaxLength) errors.Add($"must be no more than {MaxLength} characters");
        if (!LabelValue().IsMatch(value)) errors.Add(RegexError(LabelValueMessage, LabelValueFormat, "MyValue", "my_value", "12345"));
        return errors;
    }

    /// <summary>apimachinery's RegexError text, spacing included: "(e.g. 'a',  or 'b', regex used for validation is '...')".</summary>
    private static string RegexError(string message, string format, params string[] examples)
    {
        var text = message + " (e.g. ";
        for (var i = 0; i < examples.Length; i++)
        {
            if (i > 0) text += " or ";
            text += "'" + examples[i] + "', ";
        }
        return text + "regex used for validation is '" + format + "')";
    }

    // \z, not $: Go's $ matches only at the very end, .NET's also before a final newline.
    [GeneratedRegex(@"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\z")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\z")]
    private static partial Regex LabelValue();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z")]
    private static partial Regex Subdomain();
}
