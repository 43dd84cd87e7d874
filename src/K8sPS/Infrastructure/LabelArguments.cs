using System.Collections;
using System.Management.Automation;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Labels;

namespace K8sPS.Infrastructure;

/// <summary>
/// -Label and -Remove of the label cmdlets (nodes, any kind) as kubectl label's arguments, checked once before
/// anything is read or sent, so bad input changes nothing anywhere.
/// </summary>
internal static class LabelArguments
{
    /// <summary>The labels to set and keys to remove; throws InvalidLabel (nothing sent) for what kubectl refuses.</summary>
    public static (Dictionary<string, string> Set, string[] Remove) Read(IDictionary? label, string[]? remove)
    {
        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in label ?? new Hashtable())
        {
            var key = LanguagePrimitives.ConvertTo<string>(e.Key);
            if (e.Value is null)
                throw new K8sException(new K8sError("InvalidLabel", K8sErrorCategory.InvalidArgument,
                    $"the value of label \"{key}\" is null. Nothing was sent to the cluster.") { RecommendedAction = $"Give a value (it may be ''), or use -Remove {key} to remove the label." });
            set[key] = LanguagePrimitives.ConvertTo<string>(e.Value);
        }
        var keys = remove ?? [];
        LabelEdit.Validate(set, keys);
        return (set, keys);
    }

    /// <summary>What -WhatIf and -Confirm show of the change: kubectl's own arguments (k=v, k-).</summary>
    public static string Describe(IReadOnlyDictionary<string, string> set, IEnumerable<string> remove)
        => string.Join(", ", set.Select(p => $"{p.Key}={p.Value}").Concat(remove.Select(k => k + "-")));
}
