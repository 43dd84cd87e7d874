using System.Text.Json.Nodes;

namespace K8sPS.Engine.Waits;

/// <summary>
/// A wait that ended with its condition met: which object, the condition, what was seen last, and the object
/// in that state (null when it is gone, after a delete wait).
/// </summary>
/// <param name="TypeName">kubectl's printed type: deployment.apps, pod.</param>
public sealed record WaitOutcome(string Kind, string TypeName, string Name, string? Namespace, string Condition, string Observed, TimeSpan Elapsed, JsonObject? Object)
{
    /// <summary>kubectl wait's line: <c>deployment.apps/web condition met</c>.</summary>
    public override string ToString() => $"{TypeName}/{Name} {WaitCondition.MetText}";
}
