using System.Globalization;

namespace K8sPS.Engine.Networking;

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
