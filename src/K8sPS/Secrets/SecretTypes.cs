using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using K8sPS.Engine.Generators;

namespace K8sPS.Secrets;

/// <summary>-Type's short names (kubectl's subcommands and the typed generic ones) and the secret types they stand for.</summary>
internal static class SecretTypes
{
    public static readonly IReadOnlyDictionary<string, string?> ShortNames = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        ["generic"] = null,
        ["tls"] = SecretGenerator.TlsType,
        ["ssh-auth"] = SecretGenerator.SshAuthType,
        ["basic-auth"] = SecretGenerator.BasicAuthType,
        ["docker-registry"] = SecretGenerator.DockerConfigJsonType,
    };

    /// <summary>The secret type -Type means; null for generic (the server's Opaque). Anything else is taken as written.</summary>
    public static string? Normalize(string? type)
        => type is null ? null : ShortNames.TryGetValue(type, out var full) ? full : type;

    public static string ShortName(string type) => ShortNames.FirstOrDefault(p => p.Value == type).Key ?? type;
}

/// <summary>Completes -Type with the short names, then the full secret types.</summary>
public sealed class SecretTypeCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var names = SecretTypes.ShortNames.Keys.Concat([SecretGenerator.OpaqueType, SecretGenerator.TlsType, SecretGenerator.SshAuthType, SecretGenerator.BasicAuthType, SecretGenerator.DockerConfigJsonType]);
        foreach (var name in names.Where(n => n.StartsWith(wordToComplete ?? "", StringComparison.OrdinalIgnoreCase)))
            yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, name);
    }
}
