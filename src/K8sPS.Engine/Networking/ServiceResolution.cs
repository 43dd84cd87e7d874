using System.Globalization;
using K8sPS.Engine.Concurrency;

namespace K8sPS.Engine.Networking;

/// <summary>One name the pod's resolver sends (the query with a search domain, or as it is) and what came back.</summary>
public sealed record DnsAttempt(string Name, DnsOutcome Outcome, string Explanation)
{
    public override string ToString() => $"{Name}: {Outcome} ({Explanation})";
}

/// <summary>A service port as DNS and clients see it.</summary>
public sealed record ServicePortInfo(string? Name, int Port, string Protocol, string? TargetPort)
{
    public override string ToString() => $"{(string.IsNullOrEmpty(Name) ? "" : Name + " ")}{Port.ToString(CultureInfo.InvariantCulture)}/{Protocol}{(TargetPort is null ? "" : " -> " + TargetPort)}";
}

/// <summary>
/// How a name resolves from a pod, as the pod's resolver and the cluster DNS (CoreDNS) would answer it: the
/// names tried in order and what each gave, and for the answer the service, its cluster IPs, ports and the
/// endpoints behind it; or why the name would not resolve.
/// </summary>
public sealed record ServiceResolution
{
    public required string Query { get; init; }

    public required DnsSettings Settings { get; init; }

    public bool Resolved { get; init; }

    public DnsAnswerKind Kind { get; init; }

    /// <summary>The fully qualified name that answered.</summary>
    public string? AnsweredName { get; init; }

    public string? ServiceNamespace { get; init; }

    public string? ServiceName { get; init; }

    /// <summary>The A/AAAA answers: cluster IPs, or endpoint IPs for headless and endpoint names.</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];

    /// <summary>The CNAME target of an ExternalName service (resolved further by the upstream DNS).</summary>
    public string? CanonicalName { get; init; }

    public IReadOnlyList<ServicePortInfo> Ports { get; init; } = [];

    /// <summary>Ready endpoints behind the answer (for an endpoint name: that one).</summary>
    public IReadOnlyList<ResolvedEndpoint> ReadyEndpoints { get; init; } = [];

    /// <summary>Endpoints that exist but are not ready (DNS leaves them out).</summary>
    public IReadOnlyList<ResolvedEndpoint> NotReadyEndpoints { get; init; } = [];

    public IReadOnlyList<DnsAttempt> Attempts { get; init; } = [];

    /// <summary>The port the address named (auth-service:80, http://web/), when it named one.</summary>
    public int? RequestedPort { get; init; }

    /// <summary>Why it does not resolve, or what is worth knowing about the answer (no ready endpoints ...).</summary>
    public string Explanation { get; init; } = "";

    /// <summary>True when a name sent upstream was tried before the answer: the answer holds only if upstream says NXDOMAIN.</summary>
    public bool DependsOnUpstream { get; init; }

    public override string ToString() => Resolved
        ? $"{Query} -> {AnsweredName}: {(CanonicalName is not null ? "CNAME " + CanonicalName : string.Join(", ", Addresses))}"
        : $"{Query}: does not resolve: {Explanation}";
}
