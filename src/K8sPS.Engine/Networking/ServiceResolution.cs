using System.Globalization;

namespace K8sPS.Engine.Networking;

/// <summary>What kind of record answered a name.</summary>
public enum DnsAnswerKind
{
    /// <summary>Nothing answered.</summary>
    None,
    /// <summary>A service's cluster IP(s).</summary>
    ClusterIP,
    /// <summary>A headless service: the ready endpoints' IPs.</summary>
    Headless,
    /// <summary>An ExternalName service: a CNAME.</summary>
    ExternalName,
    /// <summary>One endpoint of a service by its hostname (a StatefulSet pod: my-app-0.my-service).</summary>
    Endpoint,
    /// <summary>A pod's a-b-c-d.N.pod record.</summary>
    Pod,
}

/// <summary>How the DNS server answered one name the resolver tried.</summary>
public enum DnsOutcome
{
    /// <summary>Records: the resolver stops here.</summary>
    Answer,
    /// <summary>The name exists but holds no address (NODATA): the resolver goes on.</summary>
    NoData,
    /// <summary>No such name (NXDOMAIN): the resolver goes on.</summary>
    NameError,
    /// <summary>Outside the cluster domain: forwarded upstream, whose answer is not known here.</summary>
    Upstream,
    /// <summary>Not tried: with the search domain it exceeds 253 characters.</summary>
    Skipped,
}

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

/// <summary>One address behind a service, from its Endpoints.</summary>
public sealed record ResolvedEndpoint(string Ip, string? Hostname, string? PodName, string? NodeName, bool Ready)
{
    public override string ToString() => $"{Ip}{(PodName is null ? "" : $" ({PodName})")}{(Ready ? "" : " not ready")}";
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

    /// <summary>Why it does not resolve, or what is worth knowing about the answer (no ready endpoints ...).</summary>
    public string Explanation { get; init; } = "";

    /// <summary>True when a name sent upstream was tried before the answer: the answer holds only if upstream says NXDOMAIN.</summary>
    public bool DependsOnUpstream { get; init; }

    public override string ToString() => Resolved
        ? $"{Query} -> {AnsweredName}: {(CanonicalName is not null ? "CNAME " + CanonicalName : string.Join(", ", Addresses))}"
        : $"{Query}: does not resolve: {Explanation}";
}
