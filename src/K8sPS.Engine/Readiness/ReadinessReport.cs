namespace K8sPS.Engine.Readiness;

/// <summary>
/// Whether an object is ready, as a person checking it would say: the counts that matter for its kind, its
/// conditions with their reasons, and the last warning events about it (or its pods). Holds no secret data.
/// </summary>
public sealed class ReadinessReport
{
    public required string Kind { get; init; }
    public required string Name { get; init; }
    public string? Namespace { get; init; }
    public bool Ready { get; init; }

    /// <summary>"3/3 ready, 3 up-to-date, 3 available"; "Running on node k8sps-m02, Ready"; "Bound to pvc-...".</summary>
    public required string Summary { get; init; }

    /// <summary>Desired and ready replicas where the kind has them (workloads), else null.</summary>
    public int? Replicas { get; init; }
    public int? ReadyReplicas { get; init; }

    /// <summary>The node of a pod, else null.</summary>
    public string? NodeName { get; init; }

    /// <summary>The conditions that explain the verdict (when not ready: those not as they should be), as "Available=False (MinimumReplicasUnavailable): ...".</summary>
    public IReadOnlyList<string> Conditions { get; init; } = [];

    /// <summary>Every condition of the object, in the same form.</summary>
    public IReadOnlyList<string> AllConditions { get; init; } = [];

    /// <summary>The last warning events about the object or its pods, newest last: "FailedScheduling: 0/3 nodes are available...".</summary>
    public IReadOnlyList<string> Events { get; set; } = [];

    /// <summary>"deployment \"web\" in namespace \"shop\"": how messages name the object.</summary>
    public string Display => $"{Kind.ToLowerInvariant()} \"{Name}\"" + (Namespace is null ? "" : $" in namespace \"{Namespace}\"");

    /// <summary>One paragraph for a failure message: summary, then conditions that are not as they should be, then events.</summary>
    public string Explain()
    {
        var parts = new List<string> { $"{Display}: {Summary}" };
        if (Conditions.Count > 0) parts.Add("conditions: " + string.Join("; ", Conditions.Select(c => c.TrimEnd('.'))));
        if (Events.Count > 0) parts.Add("last events: " + string.Join("; ", Events.Select(e => e.TrimEnd('.'))));
        return string.Join(". ", parts) + ".";
    }

    public override string ToString() => $"{Display}: {(Ready ? "ready" : "not ready")}, {Summary}";
}
