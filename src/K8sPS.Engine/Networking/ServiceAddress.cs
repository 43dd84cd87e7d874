using System.Globalization;
using System.Net;
using k8s.Models;

namespace K8sPS.Engine.Networking;

/// <summary>
/// Where an address a container is given leads, as that container would reach it: a DNS name (resolved by
/// <see cref="ServiceResolver"/>), an IP (a service's cluster IP or a pod's IP: nothing to look up), either with a
/// port or as a URL (auth-service.default:80, http://10.96.0.10/). The port is checked against the service's ports,
/// since a name that resolves is no use when nothing listens on the port the caller dials.
/// </summary>
public static class ServiceAddress
{
    public static ServiceResolution Resolve(string address, DnsSettings settings, ClusterDnsData data)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(data);
        var (host, port, problem) = Split(address.Trim());
        if (problem is not null) return new ServiceResolution { Query = address.Trim(), Settings = settings, Explanation = problem };
        var resolution = IPAddress.TryParse(host, out var ip) ? ResolveIp(host, ip, settings, data) : ServiceResolver.Resolve(host, settings, data);
        resolution = resolution with { Query = address.Trim(), RequestedPort = port };
        return port is { } p ? CheckPort(resolution, p) : resolution;
    }

    /// <summary>Host and port of host, host:port, [v6]:port or scheme://host[:port][/path]; the scheme's default port for a URL.</summary>
    internal static (string Host, int? Port, string? Problem) Split(string address)
    {
        int? port = null;
        var rest = address;
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
        {
            var name = rest[..scheme].ToLowerInvariant();
            rest = rest[(scheme + 3)..];
            var slash = rest.IndexOfAny(['/', '?', '#']);
            if (slash >= 0) rest = rest[..slash];
            var at = rest.LastIndexOf('@');
            if (at >= 0) rest = rest[(at + 1)..];
            port = name switch { "http" or "ws" => 80, "https" or "wss" => 443, _ => null };
        }
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0) return (rest, null, $"\"{address}\": an IPv6 address in [] lacks its ]");
            var after = rest[(close + 1)..];
            var host6 = rest[1..close];
            if (after.Length == 0) return (host6, port, null);
            return after.StartsWith(':') && ParsePort(after[1..]) is { } p6 ? (host6, p6, null) : (host6, null, $"\"{address}\": \"{after}\" is not a port");
        }
        var colon = rest.LastIndexOf(':');
        if (colon > 0 && rest.IndexOf(':', StringComparison.Ordinal) == colon)
        {
            var p = ParsePort(rest[(colon + 1)..]);
            if (p is null) return (rest[..colon], null, $"\"{address}\": \"{rest[(colon + 1)..]}\" is not a port (1-65535)");
            return (rest[..colon], p, null);
        }
        return (rest, port, null);
    }

    private static int? ParsePort(string text)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 65535 ? p : null;

    /// <summary>An IP needs no DNS: it is a service's cluster IP, a pod's IP, or nothing the cluster knows.</summary>
    private static ServiceResolution ResolveIp(string host, IPAddress ip, DnsSettings settings, ClusterDnsData data)
    {
        var text = ip.ToString();
        var service = data.Services.FirstOrDefault(s => ClusterIps(s).Contains(text, StringComparer.OrdinalIgnoreCase));
        if (service is not null)
        {
            var name = $"{service.Metadata.Name}.{NamespaceOf(service)}.svc.{settings.ClusterDomain}";
            // The service's own answer (ports, endpoints), by its full name.
            var byName = ServiceResolver.Resolve(name + ".", settings, data);
            return byName with
            {
                Query = host,
                Kind = DnsAnswerKind.ClusterIP,
                Addresses = [text],
                AnsweredName = null,
                Attempts = [],
                Explanation = Join($"an IP address, not looked up: the cluster IP of service {NamespaceOf(service)}/{service.Metadata.Name} ({name})", byName.Explanation),
            };
        }
        var pod = data.Pods.FirstOrDefault(p => PodIps(p).Contains(text, StringComparer.OrdinalIgnoreCase));
        if (pod is not null)
            return new ServiceResolution
            {
                Query = host,
                Settings = settings,
                Resolved = true,
                Kind = DnsAnswerKind.Pod,
                Addresses = [text],
                ServiceNamespace = NamespaceOf(pod),
                ReadyEndpoints = [new ResolvedEndpoint(text, pod.Spec?.Hostname, pod.Metadata?.Name, pod.Spec?.NodeName, IsReady(pod))],
                Explanation = $"an IP address, not looked up: the IP of pod {NamespaceOf(pod)}/{pod.Metadata?.Name}, which changes when the pod is replaced (use a service's name instead)",
            };
        return new ServiceResolution
        {
            Query = host,
            Settings = settings,
            Explanation = $"no service has the cluster IP {text} and no pod has the IP {text}; a service's IP changes when it is deleted and created again (use its name)",
        };
    }

    private static ServiceResolution CheckPort(ServiceResolution r, int port)
    {
        if (!r.Resolved || r.Kind is not (DnsAnswerKind.ClusterIP or DnsAnswerKind.Headless) || r.Ports.Count == 0) return r;
        if (r.Ports.Any(p => p.Port == port)) return r with { Ports = r.Ports.Where(p => p.Port == port).ToList() };
        var ports = string.Join(", ", r.Ports.Select(p => p.Port.ToString(CultureInfo.InvariantCulture) + "/" + p.Protocol));
        return r with
        {
            Explanation = Join(r.Explanation, r.Kind == DnsAnswerKind.ClusterIP
                ? $"service {r.ServiceNamespace}/{r.ServiceName} has no port {port.ToString(CultureInfo.InvariantCulture)} (its ports: {ports}): connections to port {port.ToString(CultureInfo.InvariantCulture)} fail"
                : $"port {port.ToString(CultureInfo.InvariantCulture)} is not a port of headless service {r.ServiceNamespace}/{r.ServiceName} (its ports: {ports}); the pods are dialled directly, so it works only if they listen on it"),
        };
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : a + "; " + b;

    private static IEnumerable<string> ClusterIps(V1Service s)
        => s.Spec?.ClusterIPs is { Count: > 0 } ips ? ips : string.IsNullOrEmpty(s.Spec?.ClusterIP) || s.Spec.ClusterIP == "None" ? [] : [s.Spec.ClusterIP];

    private static IEnumerable<string> PodIps(V1Pod p)
        => p.Status?.PodIPs is { Count: > 0 } ips ? ips.Select(i => i.Ip) : string.IsNullOrEmpty(p.Status?.PodIP) ? [] : [p.Status.PodIP];

    private static bool IsReady(V1Pod p) => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static string NamespaceOf(IMetadata<V1ObjectMeta> o) => string.IsNullOrEmpty(o.Metadata?.NamespaceProperty) ? "default" : o.Metadata.NamespaceProperty;
}
