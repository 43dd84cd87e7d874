using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace K8sPS.Completion;

/// <summary>
/// Base of the completers that ask the live cluster (through the Engine's CompletionSource: cached a few seconds,
/// nothing at all after a second without an answer). It reads what is typed already (-Context, -Namespace,
/// -Kind, -Name) from the command line, and offers the candidates that start with the word under the cursor.
/// </summary>
public abstract class ClusterCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var query = new CompletionQuery(commandName ?? "", fakeBoundParameters ?? new Hashtable(), Unquote(wordToComplete), parameterName ?? "");
        IEnumerable<string> candidates;
        try { candidates = Candidates(query).ToList(); }
        catch (Exception e) when (e is not OutOfMemoryException) { yield break; } // completion must never throw at the user
        foreach (var value in candidates.Where(v => v.StartsWith(query.Prefix, StringComparison.OrdinalIgnoreCase)))
            yield return new CompletionResult(Quote(value), value, CompletionResultType.ParameterValue, value);
    }

    /// <summary>Everything that could be typed here; the base keeps those that start with what is typed.</summary>
    protected abstract IEnumerable<string> Candidates(CompletionQuery query);

    internal static string Unquote(string? word) => (word ?? "").Trim('\'', '"');

    internal static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || c is '-' or '.' or '_' or '/' or ':' or '=')
            ? value : $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";
}
