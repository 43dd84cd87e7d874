using k8s.Models;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Generators;

/// <summary>What New-K8sService (Expose-K8sService) asks for: the inputs of `kubectl expose deployment`.</summary>
/// <param name="Name">Service name; default: the deployment's name cut to 63 characters.</param>
/// <param name="Port">Service port; default: every container port of the deployment.</param>
/// <param name="TargetPort">Number or port name; default: the same as the port.</param>
/// <param name="Protocol">TCP, UDP or SCTP; default: the container port's protocol, else TCP.</param>
/// <param name="Type">ClusterIP, NodePort or LoadBalancer; default: left to the server (ClusterIP).</param>
public sealed record ServiceRequest(string? Name = null, int? Port = null, string? TargetPort = null, string? Protocol = null, string? Type = null);

/// <summary>
/// Builds the Service `kubectl expose deployment` builds (kubectl 1.32): selector = the deployment's
/// matchLabels, labels = the deployment's labels, ports from the request or from the containers
/// (named port-N when several, with a -protocol suffix when one port has several protocols).
/// </summary>
public static class ServiceGenerator
{
    public static V1Service FromDeployment(V1Deployment deployment, ServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(request);
        var deploymentName = deployment.Metadata?.Name ?? "";
        var name = request.Name ?? (deploymentName.Length > 63 ? deploymentName[..63] : deploymentName);
        var causes = new List<K8sErrorCause>(Validation.ServiceName(name));

        var selector = deployment.Spec?.Selector;
        if (selector?.MatchExpressions is { Count: > 0 })
            causes.Add(new("spec.selector", "FieldValueInvalid", $"deployment \"{deploymentName}\" selects pods with matchExpressions, which a service selector cannot express"));
        else if (selector?.MatchLabels is not { Count: > 0 })
            causes.Add(new("spec.selector", "FieldValueRequired", $"deployment \"{deploymentName}\" has no matchLabels to copy into the service selector"));

        var protocolsByPort = ProtocolsByPort(deployment.Spec?.Template?.Spec);
        var ports = request.Port is int p ? [p] : protocolsByPort.Keys.ToList();
        if (ports.Count == 0)
            causes.Add(new("spec.ports", "FieldValueRequired", $"deployment \"{deploymentName}\" declares no container port: give -Port"));
        if (request.Port is int bad && (bad < 1 || bad > 65535))
            causes.Add(new("spec.ports[0].port", "FieldValueInvalid", $"Invalid value: {bad}: must be between 1 and 65535, inclusive"));
        if (request.Protocol is { } proto && proto is not ("TCP" or "UDP" or "SCTP"))
            causes.Add(new("spec.ports[0].protocol", "FieldValueNotSupported", $"Unsupported value: \"{proto}\": supported values: \"SCTP\", \"TCP\", \"UDP\""));
        if (request.Type is { } type && type is not ("ClusterIP" or "NodePort" or "LoadBalancer"))
            causes.Add(new("spec.type", "FieldValueNotSupported", $"Unsupported value: \"{type}\": supported values: \"ClusterIP\", \"LoadBalancer\", \"NodePort\""));
        Validation.ThrowIfAny(causes, "Service", name);

        var servicePorts = new List<V1ServicePort>();
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            IReadOnlyList<string> protocols = request.Protocol is { } explicitProtocol ? [explicitProtocol]
                : protocolsByPort.TryGetValue(port, out var found) && found.Count > 0 ? found : ["TCP"];
            foreach (var protocol in protocols)
            {
                servicePorts.Add(new V1ServicePort
                {
                    Name = protocols.Count > 1 ? $"port-{i + 1}-{protocol.ToLowerInvariant()}" : ports.Count > 1 ? $"port-{i + 1}" : null,
                    Port = port,
                    Protocol = protocol,
                    TargetPort = TargetPortFor(request.TargetPort, port),
                });
            }
        }

        return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = deployment.Metadata?.Labels is { Count: > 0 } l ? new Dictionary<string, string>(l) : null,
            },
            Spec = new V1ServiceSpec
            {
                Selector = new Dictionary<string, string>(selector!.MatchLabels),
                Ports = servicePorts,
                Type = request.Type,
            },
        };
    }

    /// <summary>kubectl's intstr.Parse: a number becomes an int, anything else a port name.</summary>
    private static IntOrString TargetPortFor(string? requested, int port)
    {
        if (string.IsNullOrEmpty(requested)) return port;
        return int.TryParse(requested, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : requested;
    }

    /// <summary>Container ports in declaration order (first occurrence), each with its protocols in order.</summary>
    private static Dictionary<int, List<string>> ProtocolsByPort(V1PodSpec? spec)
    {
        var result = new Dictionary<int, List<string>>();
        foreach (var container in spec?.Containers ?? [])
            foreach (var port in container.Ports ?? [])
            {
                if (!result.TryGetValue(port.ContainerPort, out var list)) result[port.ContainerPort] = list = [];
                var protocol = string.IsNullOrEmpty(port.Protocol) ? "TCP" : port.Protocol;
                if (!list.Contains(protocol)) list.Add(protocol);
            }
        return result;
    }
}
