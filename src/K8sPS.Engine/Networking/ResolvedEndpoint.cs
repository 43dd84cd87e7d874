using System.Globalization;

namespace K8sPS.Engine.Networking;

/// <summary>One address behind a service, from its Endpoints.</summary>
public sealed record ResolvedEndpoint(string Ip, string? Hostname, string? PodName, string? NodeName, bool Ready)
{
    public override string ToString() => $"{Ip}{(PodName is null ? "" : $" ({PodName})")}{(Ready ? "" : " not ready")}";
}
