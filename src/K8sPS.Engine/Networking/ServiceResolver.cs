using System.Net;
using k8s.Models;
using K8sPS.Engine.Concurrency;

namespace K8sPS.Engine.Networking;

/// <summary>
/// How a name resolves from a pod: the resolver's search list and ndots (the kubelet's resolv.conf), then each name
/// answered as CoreDNS's kubernetes plugin answers it: service.namespace.svc.&lt;domain&gt; gives the cluster IP, or
/// for a headless service the ready endpoint IPs (NXDOMAIN when none is ready); endpoint.service.namespace.svc
/// gives the endpoint whose hostname (a pod's spec.hostname when its spec.subdomain is the service) or dashed IP
/// matches; _port._proto.service... keeps matching ports; an ExternalName service gives a CNAME; names outside the
/// cluster domain go upstream. A pure function: nothing is looked up on the network.
/// </summary>
public static class ServiceResolver
{
    public const int MaxNameLength = 253;
    public const int MaxLabelLength = 63;

    public static ServiceResolution Resolve(string name, DnsSettings settings, ClusterDnsData data)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(data);
        var query = name.Trim();
        var result = new ServiceResolution { Query = query, Settings = settings };
        var absolute = query.EndsWith('.');
        var bare = absolute ? query[..^1] : query;

        if (InvalidName(bare) is { } invalid) return result with { Explanation = invalid };
        if (!settings.UsesClusterDns)
            return result with { Explanation = (settings.Note ?? "the pod does not use the cluster DNS") + "; K8sPS cannot tell what the node's resolver answers" };

        var candidates = new List<string>();
        var searched = settings.Searches.Select(s => bare + "." + s.TrimEnd('.')).ToList();
        if (absolute) candidates.Add(bare);
        else if (bare.Count(c => c == '.') >= settings.Ndots) { candidates.Add(bare); candidates.AddRange(searched); }
        else { candidates.AddRange(searched); candidates.Add(bare); }

        var attempts = new List<DnsAttempt>();
        var evaluations = new List<Evaluation>();
        var upstreamFirst = false;
        foreach (var candidate in candidates)
        {
            if (candidate.Length > MaxNameLength)
            {
                attempts.Add(new DnsAttempt(candidate + ".", DnsOutcome.Skipped, $"longer than {MaxNameLength} characters with this search domain; the resolver does not send it"));
                continue;
            }
            var evaluation = Evaluate(candidate, settings, data);
            evaluations.Add(evaluation);
            attempts.Add(new DnsAttempt(candidate + ".", evaluation.Outcome, evaluation.Explanation));
            if (evaluation.Outcome == DnsOutcome.Upstream) upstreamFirst = true;
            if (evaluation.Answer is { } answer)
            {
                var notes = new List<string>();
                if (answer.Note is not null) notes.Add(answer.Note);
                if (upstreamFirst) notes.Add("a name sent upstream was tried first; this answer holds if the upstream DNS does not know that name");
                return answer.Resolution with
                {
                    Query = query,
                    Settings = settings,
                    Resolved = true,
                    AnsweredName = candidate + ".",
                    Attempts = attempts,
                    DependsOnUpstream = upstreamFirst,
                    Explanation = string.Join("; ", notes),
                };
            }
        }

        // A service that exists explains best; else the most natural reading of the name, then the deepest match.
        var best = evaluations.OrderByDescending(e => e.Relevance >= 3).ThenByDescending(e => e.Natural).ThenByDescending(e => e.Relevance).FirstOrDefault();
        var explanation = best is null ? "no name could be sent" : best.Explanation;
        if (best?.MissingService is { } missing)
        {
            var elsewhere = data.Services.Where(s => string.Equals(s.Metadata?.Name, missing.Service, StringComparison.OrdinalIgnoreCase)
                    && !string.Equals(NamespaceOf(s), missing.Namespace, StringComparison.OrdinalIgnoreCase))
                .Select(NamespaceOf).Distinct(StringComparer.Ordinal)
                // The pod's own namespace first: the name most likely meant.
                .OrderBy(n => string.Equals(n, settings.Namespace, StringComparison.OrdinalIgnoreCase) ? 0 : 1).ThenBy(n => n, StringComparer.Ordinal).ToList();
            if (elsewhere.Count > 0)
                explanation += $"; a service {missing.Service} exists in namespace {string.Join(", ", elsewhere)}: use {missing.Service}.{elsewhere[0]} (or its full name {missing.Service}.{elsewhere[0]}.svc.{settings.ClusterDomain})";
        }
        // Unless the name plainly reads as a cluster name that is missing, it may well be meant for the outside.
        var clusterReading = best is { Relevance: >= 3 } or { Relevance: 2, Natural: 2 };
        if (!clusterReading && evaluations.Any(e => e.Outcome == DnsOutcome.Upstream))
            explanation = $"{bare} names nothing in the cluster{(best is { Natural: 2, Relevance: >= 1 } ? $" (read as service.namespace: {explanation})" : "")}; the cluster DNS forwards it upstream, whose answer K8sPS does not look up";
        return result with { Attempts = attempts, Explanation = explanation, DependsOnUpstream = evaluations.Any(e => e.Outcome == DnsOutcome.Upstream) };
    }

    /// <summary>Why <paramref name="name"/> cannot be a DNS name at all, or null.</summary>
    private static string? InvalidName(string name)
    {
        if (name.Length == 0) return "an empty name";
        if (name.Length > MaxNameLength) return $"the name has {name.Length} characters; a DNS name has at most {MaxNameLength}";
        var labels = name.Split('.');
        if (labels.Any(l => l.Length == 0)) return "the name has an empty label (two dots in a row, or a leading dot)";
        if (labels.FirstOrDefault(l => l.Length > MaxLabelLength) is { } longLabel)
            return $"the label \"{longLabel}\" has {longLabel.Length} characters; a DNS label has at most {MaxLabelLength}";
        // A resolver sends only host names: letters, digits, '-' ('_' in SRV labels), '.'. What else a value holds is a
        // mistake in it, most often a comment YAML took as part of the value.
        var bad = name.Where(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')).Distinct().ToList();
        if (bad.Count > 0)
        {
            var shown = string.Join(", ", bad.Take(5).Select(c => char.IsWhiteSpace(c) ? "a space" : $"'{c}'"));
            var comment = name.IndexOf("//", StringComparison.Ordinal) is var at and > 0 ? at : name.IndexOf(" #", StringComparison.Ordinal);
            var meant = comment > 0 ? name[..comment].Trim() : null;
            var hint = meant is { Length: > 0 } && InvalidName(meant) is null
                ? $"; did you mean '{meant}'? (YAML has no // comments, and # starts one only after a space outside quotes: the rest of the line became part of the value)"
                : "";
            return $"\"{name}\" is not a host name: it holds {shown} (a host name has letters, digits, '-' and '.' only){hint}";
        }
        return null;
    }

    private sealed record Answer(ServiceResolution Resolution, string? Note);

    private sealed record MissingServiceHint(string Service, string Namespace);

    /// <summary>What one name gave; Relevance and Natural choose whose explanation a failure reports.</summary>
    private sealed record Evaluation(DnsOutcome Outcome, string Explanation, int Relevance, int Natural, Answer? Answer = null, MissingServiceHint? MissingService = null);

    private static Evaluation Evaluate(string fqdn, DnsSettings settings, ClusterDnsData data)
    {
        var zone = settings.ClusterDomain.TrimEnd('.');
        string @base;
        if (string.Equals(fqdn, zone, StringComparison.OrdinalIgnoreCase)) @base = "";
        else if (fqdn.EndsWith("." + zone, StringComparison.OrdinalIgnoreCase)) @base = fqdn[..^(zone.Length + 1)];
        else return new(DnsOutcome.Upstream, $"outside {zone}: forwarded to the upstream DNS", 0, 0);
        if (@base.Length == 0) return new(DnsOutcome.NoData, $"the cluster domain itself holds no address", 0, 0);

        var segs = @base.Split('.');
        var kind = segs[^1].ToLowerInvariant();
        if (kind is not ("svc" or "pod"))
            return new(DnsOutcome.NameError, $"under {zone} only svc.{zone} and pod.{zone} hold names, not {segs[^1]}.{zone}", 0, 0);
        if (segs.Length == 1) return new(DnsOutcome.NoData, $"{kind}.{zone} itself holds no address", 0, 0);
        var ns = segs[^2];
        // How naturally the name reads: service.namespace (2), endpoint.service.namespace (1), a port form or no service (0).
        var extra = segs.Length - 3;
        var natural = extra switch { 0 => 2, 1 => 1, _ => 0 };
        if (!NamespaceExists(ns, data)) return new(DnsOutcome.NameError, $"there is no namespace {ns}", 1, natural);
        if (segs.Length == 2) return new(DnsOutcome.NoData, $"{ns}.{kind}.{zone} names the namespace {ns}, which holds no address", 1, 0);
        var serviceLabel = segs[^3];
        if (extra > 2)
            return new(DnsOutcome.NameError, $"too many labels: a service name is [endpoint.]service.namespace.{kind}.{zone} or _port._protocol.service.namespace.{kind}.{zone}", 1, 0);
        string? endpoint = extra == 1 ? segs[0] : null;
        string? port = extra == 2 ? StripUnderscore(segs[0]) : null;
        string? protocol = extra == 2 ? StripUnderscore(segs[1]) : null;

        if (kind == "pod") return PodRecord(serviceLabel, ns, zone, data, natural);

        var service = data.Services.FirstOrDefault(s => string.Equals(s.Metadata?.Name, serviceLabel, StringComparison.OrdinalIgnoreCase)
            && string.Equals(NamespaceOf(s), ns, StringComparison.OrdinalIgnoreCase));
        if (service is null)
            return new(DnsOutcome.NameError, $"there is no service {serviceLabel} in namespace {ns}", 2, natural, MissingService: new(serviceLabel, ns));

        var svcName = service.Metadata.Name;
        var svcNs = NamespaceOf(service);
        var spec = service.Spec ?? new V1ServiceSpec();
        var ports = (spec.Ports ?? []).Select(p => new ServicePortInfo(p.Name, p.Port, string.IsNullOrEmpty(p.Protocol) ? "TCP" : p.Protocol, p.TargetPort?.Value)).ToList();
        var (ready, notReady) = EndpointsOf(service, data);
        var baseResolution = new ServiceResolution
        {
            Query = fqdn,
            Settings = settings,
            ServiceName = svcName,
            ServiceNamespace = svcNs,
            Ports = ports,
            ReadyEndpoints = ready.Select(e => e.Endpoint).DistinctBy(e => e.Ip).ToList(),
            NotReadyEndpoints = notReady.DistinctBy(e => e.Ip).ToList(),
        };

        if (spec.Type == "ExternalName")
        {
            if (endpoint is not null)
                return new(DnsOutcome.NameError, $"service {svcNs}/{svcName} is an ExternalName service, which has no endpoints", 3, natural);
            if (IPAddress.TryParse(spec.ExternalName, out _))
                return new(DnsOutcome.NameError, $"service {svcNs}/{svcName} is an ExternalName of the IP address {spec.ExternalName}; CoreDNS answers only a host name (as a CNAME)", 3, natural);
            return new(DnsOutcome.Answer, $"CNAME {spec.ExternalName}", 3, natural, new Answer(baseResolution with
            {
                Kind = DnsAnswerKind.ExternalName,
                CanonicalName = spec.ExternalName,
                ReadyEndpoints = [],
                NotReadyEndpoints = [],
            }, $"ExternalName: the address comes from resolving {spec.ExternalName} upstream"), null);
        }

        var headless = spec.ClusterIP == "None";
        if (headless || endpoint is not null)
        {
            var matching = ready.Where(e => port is null || e.Ports.Any(p => PortMatches(port, p.Name, protocol, p.Protocol))).ToList();
            if (endpoint is not null)
            {
                var hit = matching.Where(e => string.Equals(EndpointHostname(e.Endpoint), endpoint, StringComparison.OrdinalIgnoreCase)).Select(e => e.Endpoint).DistinctBy(e => e.Ip).ToList();
                if (hit.Count == 0)
                    return new(DnsOutcome.NameError, WhyNoEndpoint(endpoint, service, notReady, data), 3, natural);
                return new(DnsOutcome.Answer, string.Join(", ", hit.Select(e => e.Ip)), 3, natural, new Answer(baseResolution with
                {
                    Kind = DnsAnswerKind.Endpoint,
                    Addresses = hit.Select(e => e.Ip).ToList(),
                    ReadyEndpoints = hit,
                    NotReadyEndpoints = [],
                }, null), null);
            }
            var addresses = matching.Select(e => e.Endpoint.Ip).Distinct(StringComparer.Ordinal).ToList();
            if (addresses.Count == 0)
            {
                var why = ready.Count > 0 ? $"headless service {svcNs}/{svcName} has no ready endpoint with a port named {port} ({protocol})"
                    : $"headless service {svcNs}/{svcName} has no ready endpoints{NotReadyText(notReady)}, so its name does not exist";
                return new(DnsOutcome.NameError, why, 3, natural);
            }
            return new(DnsOutcome.Answer, string.Join(", ", addresses), 3, natural, new Answer(baseResolution with
            {
                Kind = DnsAnswerKind.Headless,
                Addresses = addresses,
                Ports = port is null ? ports : ports.Where(p => PortMatches(port, p.Name, protocol, p.Protocol)).ToList(),
            }, notReady.Count > 0 ? $"{notReady.Count} endpoint(s) not ready left out{NotReadyText(notReady)}" : null), null);
        }

        var clusterIps = spec.ClusterIPs is { Count: > 0 } ips ? ips.ToList() : string.IsNullOrEmpty(spec.ClusterIP) ? [] : [spec.ClusterIP];
        if (clusterIps.Count == 0)
            return new(DnsOutcome.NameError, $"service {svcNs}/{svcName} has no cluster IP yet", 3, natural);
        var matchingPorts = port is null ? ports : ports.Where(p => PortMatches(port, p.Name, protocol, p.Protocol)).ToList();
        if (matchingPorts.Count == 0)
            return new(DnsOutcome.NameError, $"service {svcNs}/{svcName} has no port named {port} with protocol {protocol}", 3, natural);
        var note = baseResolution.ReadyEndpoints.Count == 0
            ? $"the name resolves, but service {svcNs}/{svcName} has no ready endpoints{NotReadyText(notReady)}: connections to {clusterIps[0]} will fail"
            : null;
        return new(DnsOutcome.Answer, string.Join(", ", clusterIps), 3, natural, new Answer(baseResolution with
        {
            Kind = DnsAnswerKind.ClusterIP,
            Addresses = clusterIps,
            Ports = matchingPorts,
        }, note), null);
    }

    private static Evaluation PodRecord(string podLabel, string ns, string zone, ClusterDnsData data, int natural)
    {
        if (!data.PodRecords) return new(DnsOutcome.NameError, "pod records are not served (CoreDNS's pods option is off)", 1, natural);
        // CoreDNS: three dashes and no "--" is IPv4 (1-2-3-4), anything else IPv6 with '-' for ':'.
        var ip = podLabel.Count(c => c == '-') == 3 && !podLabel.Contains("--", StringComparison.Ordinal) ? podLabel.Replace('-', '.') : podLabel.Replace('-', ':');
        if (!IPAddress.TryParse(ip, out var parsed) || (parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && ip.Count(c => c == '.') != 3))
            return new(DnsOutcome.NameError, $"{podLabel} is not an IP address written with dashes (a pod's record is a-b-c-d.{ns}.pod.{zone})", 1, natural);
        var pod = data.Pods.FirstOrDefault(p => string.Equals(NamespaceOf(p), ns, StringComparison.OrdinalIgnoreCase) && DownwardIps(p).Contains(ip));
        return new(DnsOutcome.Answer, ip, 3, natural, new Answer(new ServiceResolution
        {
            Query = podLabel,
            Settings = DnsSettings.ForNamespace(ns, zone),
            Kind = DnsAnswerKind.Pod,
            Addresses = [ip],
            ServiceNamespace = ns,
            ReadyEndpoints = pod is null ? [] : [new ResolvedEndpoint(ip, pod.Spec?.Hostname, pod.Metadata?.Name, pod.Spec?.NodeName, true)],
        }, pod is null ? "pods insecure: CoreDNS answers the IP without checking that a pod has it" : null), null);
    }

    private static IEnumerable<string> DownwardIps(V1Pod pod)
        => pod.Status?.PodIPs is { Count: > 0 } ips ? ips.Select(i => i.Ip) : string.IsNullOrEmpty(pod.Status?.PodIP) ? [] : [pod.Status.PodIP];

    private sealed record EndpointWithPorts(ResolvedEndpoint Endpoint, IReadOnlyList<(string? Name, string? Protocol)> Ports);

    private static (List<EndpointWithPorts> Ready, List<ResolvedEndpoint> NotReady) EndpointsOf(V1Service service, ClusterDnsData data)
    {
        var ready = new List<EndpointWithPorts>();
        var notReady = new List<ResolvedEndpoint>();
        var endpoints = data.Endpoints.FirstOrDefault(e => e.Metadata?.Name == service.Metadata.Name && NamespaceOf(e) == NamespaceOf(service));
        foreach (var subset in endpoints?.Subsets ?? [])
        {
            // CoreDNS puts a sentinel port in a subset with none, so its addresses still answer.
            IReadOnlyList<(string?, string?)> ports = subset.Ports is { Count: > 0 } p ? p.Select(x => ((string?)x.Name, (string?)(string.IsNullOrEmpty(x.Protocol) ? "TCP" : x.Protocol))).ToList() : [(null, null)];
            foreach (var address in subset.Addresses ?? [])
                ready.Add(new EndpointWithPorts(ToEndpoint(address, true), ports));
            foreach (var address in subset.NotReadyAddresses ?? [])
                notReady.Add(ToEndpoint(address, false));
        }
        return (ready, notReady);
    }

    private static ResolvedEndpoint ToEndpoint(V1EndpointAddress a, bool ready)
        => new(a.Ip, string.IsNullOrEmpty(a.Hostname) ? null : a.Hostname, a.TargetRef?.Kind is null or "Pod" ? a.TargetRef?.Name : null, a.NodeName, ready);

    /// <summary>CoreDNS's endpointHostname: the endpoint's hostname, else its IP with dashes.</summary>
    private static string EndpointHostname(ResolvedEndpoint e) => e.Hostname ?? e.Ip.Replace('.', '-').Replace(':', '-');

    private static string WhyNoEndpoint(string endpoint, V1Service service, List<ResolvedEndpoint> notReady, ClusterDnsData data)
    {
        var svc = $"{NamespaceOf(service)}/{service.Metadata.Name}";
        if (notReady.FirstOrDefault(e => string.Equals(EndpointHostname(e), endpoint, StringComparison.OrdinalIgnoreCase)) is { } waiting)
            return $"endpoint {endpoint} of service {svc} is not ready ({waiting}); DNS answers only ready endpoints";
        var pod = data.Pods.FirstOrDefault(p => string.Equals(p.Metadata?.Name, endpoint, StringComparison.OrdinalIgnoreCase)
            && string.Equals(NamespaceOf(p), NamespaceOf(service), StringComparison.OrdinalIgnoreCase));
        if (pod is not null)
        {
            if (string.IsNullOrEmpty(pod.Spec?.Hostname))
                return $"pod {endpoint} has no spec.hostname, so its endpoint in service {svc} has no hostname (StatefulSet pods get one; a Deployment's do not): use its IP with dashes instead";
            if (!string.Equals(pod.Spec.Subdomain, service.Metadata.Name, StringComparison.Ordinal))
                return $"pod {endpoint} has spec.subdomain \"{pod.Spec.Subdomain}\", not \"{service.Metadata.Name}\": its hostname is published only in the service its subdomain names (a StatefulSet's serviceName)";
            if (!string.Equals(pod.Spec.Hostname, endpoint, StringComparison.OrdinalIgnoreCase))
                return $"pod {endpoint} has spec.hostname \"{pod.Spec.Hostname}\": use {pod.Spec.Hostname}.{service.Metadata.Name}";
            return $"pod {endpoint} is not among the endpoints of service {svc} (does the service's selector match its labels?)";
        }
        return $"service {svc} has no ready endpoint with hostname {endpoint}";
    }

    private static string NotReadyText(List<ResolvedEndpoint> notReady)
        => notReady.Count == 0 ? "" : $" (not ready: {string.Join(", ", notReady.Take(5).Select(e => e.PodName is null ? e.Ip : $"{e.Ip} ({e.PodName})"))}{(notReady.Count > 5 ? ", ..." : "")})";

    private static bool PortMatches(string? port, string? name, string? protocol, string? actualProtocol)
        => (port is null or "" || string.Equals(port, name, StringComparison.OrdinalIgnoreCase))
            && (protocol is null or "" || string.Equals(protocol, actualProtocol, StringComparison.OrdinalIgnoreCase));

    private static string StripUnderscore(string s) => s.StartsWith('_') ? s[1..] : s;

    private static bool NamespaceExists(string ns, ClusterDnsData data)
    {
        if (data.Namespaces is { } known) return known.Any(n => string.Equals(n, ns, StringComparison.OrdinalIgnoreCase));
        return data.Services.Any(s => Same(NamespaceOf(s), ns)) || data.Endpoints.Any(e => Same(NamespaceOf(e), ns)) || data.Pods.Any(p => Same(NamespaceOf(p), ns));
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string NamespaceOf(IMetadata<V1ObjectMeta> o) => string.IsNullOrEmpty(o.Metadata?.NamespaceProperty) ? "default" : o.Metadata.NamespaceProperty;
}
