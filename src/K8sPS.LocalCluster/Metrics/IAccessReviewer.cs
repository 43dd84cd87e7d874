namespace K8sPS.LocalCluster.Metrics;

/// <summary>A metrics.k8s.io request to authorize: verb (get or list), resource (pods or nodes), namespace, name.</summary>
internal sealed record MetricsAccess(string Verb, string Resource, string? Namespace, string? Name);

/// <summary>Decides whether a user may make a request, as an aggregated API server delegates it to the apiserver.</summary>
internal interface IAccessReviewer
{
    Task<bool> IsAllowedAsync(RemoteUser user, MetricsAccess access, CancellationToken ct);
}
