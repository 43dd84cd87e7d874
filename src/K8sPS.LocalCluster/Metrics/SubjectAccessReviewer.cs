using System.Collections.Concurrent;
using k8s;
using k8s.Models;

namespace K8sPS.LocalCluster.Metrics;

/// <summary>
/// Delegated authorization, as the generic API server does it: a SubjectAccessReview to the apiserver for
/// each user and request, answers cached for 10 s (its defaults for allowed and denied alike), so the
/// HPA's request every sync period costs one review per 10 s.
/// </summary>
internal sealed class SubjectAccessReviewer : IAccessReviewer
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private readonly IKubernetes _client;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, (bool Allowed, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public SubjectAccessReviewer(IKubernetes client, TimeProvider? clock = null)
    {
        _client = client;
        _clock = clock ?? TimeProvider.System;
    }

    public async Task<bool> IsAllowedAsync(RemoteUser user, MetricsAccess access, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(access);
        // system:masters may do anything: RBAC would say so too, without the round trip.
        if (user.Groups.Contains("system:masters")) return true;
        var key = string.Join("\n", user.Name, string.Join(",", user.Groups.Order(StringComparer.Ordinal)),
            string.Join(",", user.Extra.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + "=" + string.Join("|", e.Value))),
            access.Verb, access.Resource, access.Namespace, access.Name);
        var now = _clock.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && cached.Until > now) return cached.Allowed;

        var review = new V1SubjectAccessReview
        {
            ApiVersion = "authorization.k8s.io/v1",
            Kind = "SubjectAccessReview",
            Spec = new V1SubjectAccessReviewSpec
            {
                User = user.Name,
                Groups = user.Groups.ToList(),
                Extra = user.Extra.Count == 0 ? null : user.Extra.ToDictionary(e => e.Key, e => (IList<string>)e.Value.ToList()),
                ResourceAttributes = new V1ResourceAttributes
                {
                    Group = MetricsJson.Group,
                    Version = MetricsJson.Version,
                    Resource = access.Resource,
                    Verb = access.Verb,
                    NamespaceProperty = access.Namespace,
                    Name = access.Name,
                },
            },
        };
        var answer = await _client.AuthorizationV1.CreateSubjectAccessReviewAsync(review, cancellationToken: ct).ConfigureAwait(false);
        var allowed = answer.Status?.Allowed == true;
        if (_cache.Count > 10_000) _cache.Clear();
        _cache[key] = (allowed, now + CacheFor);
        return allowed;
    }
}
