namespace K8sPS.Infrastructure;

/// <summary>
/// One change seen by -Watch, as kubectl get -w --output-watch-events prints it: the event type (ADDED, MODIFIED,
/// DELETED) and the object as the server sent it (the same type the Get cmdlet writes without -Watch).
/// </summary>
public sealed class K8sWatchEvent
{
    /// <summary>ADDED (listed first, or created since), MODIFIED or DELETED (the object's last state), as kubectl's EVENT column.</summary>
    public required string Type { get; init; }
    public string? Kind { get; init; }
    public string? Name { get; init; }
    public string? Namespace { get; init; }
    public string? ResourceVersion { get; init; }
    public object? Object { get; init; }

    public override string ToString() => $"{Type} {Kind?.ToLowerInvariant()}/{Name}";
}
