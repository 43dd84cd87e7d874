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
