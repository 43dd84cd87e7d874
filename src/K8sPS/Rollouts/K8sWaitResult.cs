using K8sPS.Engine.Waits;

namespace K8sPS.Rollouts;

/// <summary>What Wait-K8sCondition writes for each object whose condition was met; prints as kubectl wait's line.</summary>
public sealed class K8sWaitResult
{
    internal K8sWaitResult(WaitOutcome outcome, object? obj)
    {
        Kind = outcome.Kind;
        TypeName = outcome.TypeName;
        Name = outcome.Name;
        Namespace = outcome.Namespace;
        Condition = outcome.Condition;
        Observed = outcome.Observed;
        Elapsed = outcome.Elapsed;
        Object = obj;
    }

    public string Kind { get; }
    /// <summary>kubectl's printed type: deployment.apps, pod.</summary>
    public string TypeName { get; }
    public string Name { get; }
    public string? Namespace { get; }
    /// <summary>The condition waited for: condition Ready=true, jsonpath {.status.phase}=Running, delete, create.</summary>
    public string Condition { get; }
    /// <summary>What was seen when it was met: condition Ready is True, the object is gone.</summary>
    public string Observed { get; }
    public TimeSpan Elapsed { get; }
    /// <summary>The object in the state that met the condition (as Get-K8sResource returns it); null after a delete.</summary>
    public object? Object { get; }

    /// <summary>kubectl wait's line: <c>deployment.apps/web condition met</c>.</summary>
    public override string ToString() => $"{TypeName}/{Name} {WaitCondition.MetText}";
}
