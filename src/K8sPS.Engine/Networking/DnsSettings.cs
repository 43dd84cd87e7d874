using System.Globalization;
using k8s.Models;

namespace K8sPS.Engine.Networking;

/// <summary>
/// How a pod's resolver sends a name: the search list and ndots the kubelet writes into its resolv.conf, and
/// whether the cluster DNS answers it at all (dnsPolicy). For ClusterFirst: search N.svc.&lt;domain&gt;,
/// svc.&lt;domain&gt;, &lt;domain&gt; (then the pod's dnsConfig searches) and ndots 5.
/// </summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="ClusterDomain">The kubelet's --cluster-domain.</param>
/// <param name="Searches">The search list, in order.</param>
/// <param name="Ndots">A name with fewer dots is tried with the search list first.</param>
/// <param name="UsesClusterDns">False when the pod's resolver is the node's (dnsPolicy Default, or hostNetwork with ClusterFirst).</param>
/// <param name="Note">Why, when the settings differ from the plain ClusterFirst ones.</param>
public sealed record DnsSettings(string Namespace, string ClusterDomain, IReadOnlyList<string> Searches, int Ndots, bool UsesClusterDns = true, string? Note = null)
{
    public const string DefaultClusterDomain = "cluster.local";

    /// <summary>What a ClusterFirst pod in <paramref name="ns"/> gets.</summary>
    public static DnsSettings ForNamespace(string ns, string clusterDomain = DefaultClusterDomain)
    {
        ArgumentNullException.ThrowIfNull(ns);
        return new(ns, clusterDomain, [$"{ns}.svc.{clusterDomain}", $"svc.{clusterDomain}", clusterDomain], 5);
    }

    /// <summary>
    /// What the kubelet gives <paramref name="pod"/> (pkg/kubelet/network/dns): its dnsPolicy, then its dnsConfig
    /// searches appended and options (ndots) merged. The node's own search domains are unknown here and left out.
    /// </summary>
    public static DnsSettings ForPod(V1Pod pod, string clusterDomain = DefaultClusterDomain)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var ns = string.IsNullOrEmpty(pod.Metadata?.NamespaceProperty) ? "default" : pod.Metadata.NamespaceProperty;
        var policy = string.IsNullOrEmpty(pod.Spec?.DnsPolicy) ? "ClusterFirst" : pod.Spec.DnsPolicy;
        var hostNetwork = pod.Spec?.HostNetwork == true;
        DnsSettings settings = policy switch
        {
            "None" => new(ns, clusterDomain, [], 1, UsesClusterDns: pod.Spec?.DnsConfig?.Nameservers is { Count: > 0 },
                Note: "dnsPolicy None: only the pod's dnsConfig applies; names resolve through the cluster DNS only if its nameservers include the cluster DNS service"),
            "Default" => new(ns, clusterDomain, [], 1, UsesClusterDns: false, Note: "dnsPolicy Default: the pod uses the node's resolver, which does not know cluster names"),
            "ClusterFirst" when hostNetwork => new(ns, clusterDomain, [], 1, UsesClusterDns: false,
                Note: "hostNetwork with dnsPolicy ClusterFirst falls back to the node's resolver (use ClusterFirstWithHostNet for cluster names)"),
            _ => ForNamespace(ns, clusterDomain),
        };
        if (pod.Spec?.DnsConfig is { } config)
        {
            var searches = settings.Searches.Concat(config.Searches ?? []).Distinct(StringComparer.Ordinal).ToList();
            var ndots = settings.Ndots;
            foreach (var option in config.Options ?? [])
                if (option.Name == "ndots" && int.TryParse(option.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) ndots = Math.Clamp(n, 0, 15);
            settings = settings with { Searches = searches, Ndots = ndots };
        }
        return settings;
    }
}
