namespace K8sPS.LocalCluster.Metrics;

/// <summary>The user the apiserver authenticated and passed on in the front-proxy headers.</summary>
internal sealed record RemoteUser(string Name, IReadOnlyList<string> Groups, IReadOnlyDictionary<string, IReadOnlyList<string>> Extra);
