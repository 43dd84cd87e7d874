using System.Text.Json;
using System.Text.Json.Nodes;

namespace K8sPS.Engine.Lint;

/// <summary>A lint rule: a stable ID, a default severity and a check.</summary>
public abstract class ManifestRule
{
    public abstract string Id { get; }
    public abstract IssueSeverity Severity { get; }
    public abstract string Title { get; }

    /// <summary>
    /// For a rule that refuses what kubectl apply accepts (K8sPS is stricter on purpose): what kubectl does with it,
    /// said in the error with the switch that sends the document anyway (-SkipLint). Null when kubectl refuses it too.
    /// </summary>
    public virtual string? KubectlDoes => null;

    public abstract void Check(LintContext context);
}
