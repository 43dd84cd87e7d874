using System.Text.RegularExpressions;

namespace K8sPS.Engine.Generators;

/// <summary>
/// The apiserver's rules for the keys of a Secret or ConfigMap (IsConfigMapKey) and for environment variable
/// names (IsEnvVarName), with the server's own wording, so a refusal here reads as the server's would.
/// </summary>
public static partial class DataKeyRules
{
    /// <summary>The longest key the server accepts (a DNS-1123 subdomain's length).</summary>
    public const int MaxKeyLength = 253;

    /// <summary>The regex IsConfigMapKey names in its message.</summary>
    public const string ConfigMapKeyPattern = "[-._a-zA-Z0-9]+";

    /// <summary>The regex IsEnvVarName names in its message.</summary>
    public const string EnvVarNamePattern = "[-._a-zA-Z][-._a-zA-Z0-9]*";

    /// <summary>What is wrong with <paramref name="key"/> as a Secret or ConfigMap key; empty when it is valid.</summary>
    public static IReadOnlyList<string> ConfigMapKeyProblems(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var problems = new List<string>();
        if (key.Length > MaxKeyLength) problems.Add($"must be no more than {MaxKeyLength} characters");
        if (!ConfigMapKey().IsMatch(key))
            problems.Add(RegexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", ConfigMapKeyPattern, "key.name", "KEY_NAME", "key-name"));
        problems.AddRange(ChangeDirectoryPrefix(key));
        return problems;
    }

    /// <summary>What is wrong with <paramref name="name"/> as an environment variable name; empty when it is valid.</summary>
    public static IReadOnlyList<string> EnvVarNameProblems(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var problems = new List<string>();
        if (!EnvVarName().IsMatch(name))
            problems.Add(RegexError("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit", EnvVarNamePattern, "my.env-name", "MY_ENV.NAME", "MyEnvName1"));
        problems.AddRange(ChangeDirectoryPrefix(name));
        return problems;
    }

    /// <summary>True when the kubelet would accept <paramref name="name"/> as a variable name.</summary>
    public static bool IsEnvVarName(string name) => EnvVarNameProblems(name).Count == 0;

    // apimachinery's RegexError, word for word (its double spaces included), so messages match the server's.
    private static string RegexError(string message, string pattern, params string[] examples)
        => message + " (e.g. " + string.Join(" or ", examples.Select(e => "'" + e + "', ")) + "regex used for validation is '" + pattern + "')";

    private static IEnumerable<string> ChangeDirectoryPrefix(string value)
    {
        if (value == ".") yield return "must not be '.'";
        else if (value == "..") yield return "must not be '..'";
        else if (value.StartsWith("..", StringComparison.Ordinal)) yield return "must not start with '..'";
    }

    // Go's regexp: $ matches only at the very end, so \z (not $, which also matches before a final \n).
    [GeneratedRegex(@"^[-._a-zA-Z0-9]+\z")] private static partial Regex ConfigMapKey();
    [GeneratedRegex(@"^[-._a-zA-Z][-._a-zA-Z0-9]*\z")] private static partial Regex EnvVarName();
}
