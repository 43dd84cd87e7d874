using System.Security.Cryptography.X509Certificates;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// How the simulated nodes serve their kubelet endpoint (HTTPS on each node's own loopback address),
/// which the API server dials for `kubectl logs`, exec, attach, port-forward and node proxy.
/// </summary>
public sealed class KubeletEndpointOptions
{
    /// <summary>The port to serve on (the same on every node: their addresses differ); when taken, a free one is used and advertised instead. 0: any free port.</summary>
    public int Port { get; set; }

    /// <summary>A node's serving certificate with its private key: signed by the cluster CA, for the node's IP.</summary>
    public required Func<SimulatedNodeIdentity, X509Certificate2> ServingCertificate { get; init; }

    /// <summary>True for the client certificate of a caller allowed in (the API server's kubelet client certificate, chained to the cluster CA).</summary>
    public required Func<X509Certificate2, bool> IsTrustedClient { get; init; }
}
