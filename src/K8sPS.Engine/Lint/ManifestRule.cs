using System.Text.Json;
using System.Text.Json.Nodes;

namespace K8sPS.Engine.Lint;

/// <summary>A lint rule: a stable ID, a default severity and a check.</summary>
public abstract class ManifestRule
{
    public abstract string Id { get; }
    public abstract IssueSeverity Severity { get; }
    public abstract string Title { get; }
    public abstract void Check(LintContext context);
}
