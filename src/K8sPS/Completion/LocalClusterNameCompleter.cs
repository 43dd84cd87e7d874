using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using K8sPS.Engine.LocalCluster;

namespace K8sPS.Completion;

/// <summary>Tab for local cluster names: the clusters in this user's K8sPS home (no server is asked).</summary>
public sealed class LocalClusterNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = ClusterCompleter.Unquote(wordToComplete);
        IReadOnlyList<string> names;
        try { names = LocalClusterManager.List().Select(c => c.Name).ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException) { yield break; }
        foreach (var name in names.Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
            yield return new CompletionResult(ClusterCompleter.Quote(name), name, CompletionResultType.ParameterValue, name);
    }
}
