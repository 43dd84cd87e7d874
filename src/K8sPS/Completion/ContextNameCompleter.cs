using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using K8sPS.Engine.Connection;

namespace K8sPS.Completion;

/// <summary>Tab completion of kubeconfig context names.</summary>
public sealed class ContextNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IEnumerable<KubeContextInfo> contexts;
        try { contexts = KubeConfigLoader.Load().Contexts.ToList(); }
        catch (Exception) { yield break; } // completion must never throw at the user
        var prefix = (wordToComplete ?? "").Trim('\'', '"');
        foreach (var c in contexts.Where(c => c.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            var text = c.Name.Any(ch => char.IsWhiteSpace(ch) || "'\"$`;,(){}@#".Contains(ch)) ? $"'{c.Name.Replace("'", "''", StringComparison.Ordinal)}'" : c.Name;
            yield return new CompletionResult(text, c.Name, CompletionResultType.ParameterValue, $"{c.Name} ({c.Server})");
        }
    }
}
