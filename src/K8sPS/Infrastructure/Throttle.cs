namespace K8sPS.Infrastructure;

/// <summary>
/// -ThrottleLimit's one default and range, for every cmdlet that changes objects from pipeline input: 16 in flight
/// reach the apiserver's ceiling on 2 cores without queueing at it (ARCHITECTURE.md, "Bounded concurrency").
/// </summary>
public static class Throttle
{
    /// <summary>Requests in flight at once when -ThrottleLimit is not given.</summary>
    public const int DefaultLimit = 16;

    /// <summary>The most -ThrottleLimit accepts.</summary>
    public const int MaxLimit = 128;
}
