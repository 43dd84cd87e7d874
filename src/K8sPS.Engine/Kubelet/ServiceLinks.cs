using System.Globalization;
using k8s.Models;

namespace K8sPS.Engine.Kubelet;

/// <summary>One Docker-links style variable the kubelet makes for a service.</summary>
public sealed record ServiceLinkVariable(string Name, string Value, string ServiceNamespace, string ServiceName);

/// <summary>
/// The service variables the kubelet gives a container (pkg/kubelet/envvars, getServiceEnvVarMap): for each
/// service with a cluster IP, FOO_SERVICE_HOST, FOO_SERVICE_PORT, FOO_SERVICE_PORT_&lt;PORTNAME&gt; for named ports,
/// and FOO_PORT, FOO_PORT_&lt;port&gt;_&lt;PROTO&gt;[_PROTO|_PORT|_ADDR]. Services of the pod's namespace only when
/// enableServiceLinks is true (its default); the master services (kubernetes in default) always, unless the pod's
/// namespace has its own service of that name.
/// </summary>
public static class ServiceLinks
{
    /// <summary>Services the kubelet always links, from the master service namespace.</summary>
    public static readonly IReadOnlyList<string> MasterServices = ["kubernetes"];

    /// <summary>The variables for a pod in <paramref name="podNamespace"/>, services in name order, each in the kubelet's order.</summary>
    public static IReadOnlyList<ServiceLinkVariable> For(string podNamespace, bool enableServiceLinks, IEnumerable<V1Service> services, string masterServiceNamespace = "default")
    {
        ArgumentNullException.ThrowIfNull(services);
        var chosen = new Dictionary<string, V1Service>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            if (!HasClusterIp(service)) continue;
            var name = service.Metadata?.Name ?? "";
            var ns = service.Metadata?.NamespaceProperty ?? "default";
            if (ns == masterServiceNamespace && MasterServices.Contains(name))
            {
                chosen.TryAdd(name, service);
            }
            else if (ns == podNamespace && enableServiceLinks)
            {
                chosen[name] = service;
            }
        }
        return chosen.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => Variables(p.Value)).ToList();
    }

    /// <summary>The variables of one service, in the order envvars.FromServices makes them.</summary>
    public static IReadOnlyList<ServiceLinkVariable> Variables(V1Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var result = new List<ServiceLinkVariable>();
        if (!HasClusterIp(service) || service.Spec.Ports is not { Count: > 0 } ports) return result;
        var serviceName = service.Metadata?.Name ?? "";
        var ns = service.Metadata?.NamespaceProperty ?? "default";
        var ip = service.Spec.ClusterIP;
        var prefix = VariableName(serviceName);
        void Add(string name, string value) => result.Add(new ServiceLinkVariable(name, value, ns, serviceName));

        Add(prefix + "_SERVICE_HOST", ip);
        Add(prefix + "_SERVICE_PORT", Port(ports[0]));
        foreach (var port in ports)
            if (!string.IsNullOrEmpty(port.Name)) Add(prefix + "_SERVICE_PORT_" + VariableName(port.Name), Port(port));
        for (var i = 0; i < ports.Count; i++)
        {
            var protocol = string.IsNullOrEmpty(ports[i].Protocol) ? "TCP" : ports[i].Protocol;
            var lower = protocol.ToLowerInvariant();
            var url = $"{lower}://{JoinHostPort(ip, Port(ports[i]))}";
            if (i == 0) Add(prefix + "_PORT", url);
            var portPrefix = $"{prefix}_PORT_{Port(ports[i])}_{protocol.ToUpperInvariant()}";
            Add(portPrefix, url);
            Add(portPrefix + "_PROTO", lower);
            Add(portPrefix + "_PORT", Port(ports[i]));
            Add(portPrefix + "_ADDR", ip);
        }
        return result;
    }

    /// <summary>v1helper.IsServiceIPSet: a cluster IP that is neither empty nor None (headless and ExternalName services get no variables).</summary>
    public static bool HasClusterIp(V1Service service)
        => service?.Spec?.ClusterIP is { Length: > 0 } ip && ip != "None";

    /// <summary>makeEnvVariableName: upper case, '-' to '_'.</summary>
    public static string VariableName(string name) => name.Replace('-', '_').ToUpperInvariant();

    private static string Port(V1ServicePort port) => port.Port.ToString(CultureInfo.InvariantCulture);

    private static string JoinHostPort(string host, string port) => host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
}
