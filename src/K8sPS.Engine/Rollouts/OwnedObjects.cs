using k8s;
using k8s.Models;

namespace K8sPS.Engine.Rollouts;

/// <summary>
/// The objects a workload owns, found as kubectl finds them: listed by the owner's label selector, then
/// kept only when their controller owner reference carries the owner's UID (metav1.IsControlledBy), so a
/// ReplicaSet that merely matches the labels, or belonged to an earlier object of the same name, is left out.
/// </summary>
public static class OwnedObjects
{
    /// <summary>True when <paramref name="child"/>'s controller reference points at <paramref name="owner"/>'s UID.</summary>
    public static bool IsControlledBy(V1ObjectMeta? child, V1ObjectMeta? owner)
        => owner?.Uid is { Length: > 0 } uid
           && child?.OwnerReferences?.FirstOrDefault(r => r.Controller == true) is { } controller
           && controller.Uid == uid;

    /// <summary>
    /// The Deployment's ReplicaSets in kubectl's order (deploymentutil.GetAllReplicaSets): the old ones by
    /// creation time (name breaks ties), then the new one, the oldest whose template equals the
    /// Deployment's ignoring pod-template-hash.
    /// </summary>
    public static IReadOnlyList<V1ReplicaSet> ReplicaSetsOf(V1Deployment deployment, IEnumerable<V1ReplicaSet> candidates)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(candidates);
        var owned = ByCreation(candidates.Where(rs => IsControlledBy(rs.Metadata, deployment.Metadata)));
        var newRs = NewReplicaSet(deployment, owned);
        return newRs is null ? owned : [.. owned.Where(rs => !ReferenceEquals(rs, newRs)), newRs];
    }

    /// <summary>The new ReplicaSet: the oldest owned one whose template matches the Deployment's; null if none yet.</summary>
    public static V1ReplicaSet? NewReplicaSet(V1Deployment deployment, IEnumerable<V1ReplicaSet> owned)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(owned);
        return ByCreation(owned).FirstOrDefault(rs => TemplateJson.EqualIgnoreHash(rs.Spec?.Template, deployment.Spec?.Template));
    }

    /// <summary>The ControllerRevisions <paramref name="owner"/> (a StatefulSet or DaemonSet) controls.</summary>
    public static IReadOnlyList<V1ControllerRevision> ControllerRevisionsOf(IMetadata<V1ObjectMeta> owner, IEnumerable<V1ControllerRevision> candidates)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(candidates);
        return candidates.Where(cr => IsControlledBy(cr.Metadata, owner.Metadata)).ToList();
    }

    /// <summary>A label selector as the list call's labelSelector text (labels.Selector.String()).</summary>
    public static string SelectorText(V1LabelSelector? selector)
    {
        if (selector is null) return "";
        var terms = new List<(string Key, string Text)>();
        foreach (var (k, v) in selector.MatchLabels ?? new Dictionary<string, string>())
            terms.Add((k, $"{k}={v}"));
        foreach (var e in selector.MatchExpressions ?? [])
        {
            var values = string.Join(",", (e.Values ?? []).Distinct().OrderBy(v => v, StringComparer.Ordinal));
            terms.Add((e.Key, e.OperatorProperty switch
            {
                "In" => $"{e.Key} in ({values})",
                "NotIn" => $"{e.Key} notin ({values})",
                "Exists" => e.Key,
                "DoesNotExist" => "!" + e.Key,
                _ => throw new ArgumentException($"label selector operator \"{e.OperatorProperty}\" is not valid (In, NotIn, Exists, DoesNotExist)", nameof(selector)),
            }));
        }
        return string.Join(",", terms.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Text));
    }

    /// <summary>Lists the Deployment's ReplicaSets from the server and returns <see cref="ReplicaSetsOf"/>.</summary>
    public static async Task<IReadOnlyList<V1ReplicaSet>> ListReplicaSetsAsync(IKubernetes client, V1Deployment deployment, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(deployment);
        var list = await client.AppsV1.ListNamespacedReplicaSetAsync(deployment.Metadata?.NamespaceProperty ?? "default",
            labelSelector: SelectorText(deployment.Spec?.Selector), cancellationToken: ct).ConfigureAwait(false);
        return ReplicaSetsOf(deployment, list.Items ?? []);
    }

    /// <summary>Lists the ControllerRevisions of a StatefulSet or DaemonSet from the server.</summary>
    public static async Task<IReadOnlyList<V1ControllerRevision>> ListControllerRevisionsAsync(IKubernetes client, IMetadata<V1ObjectMeta> owner, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(owner);
        var selector = owner switch
        {
            V1StatefulSet s => s.Spec?.Selector,
            V1DaemonSet d => d.Spec?.Selector,
            _ => throw new ArgumentException($"{owner.GetType().Name} keeps no ControllerRevisions; pass a StatefulSet or DaemonSet.", nameof(owner)),
        };
        var list = await client.AppsV1.ListNamespacedControllerRevisionAsync(owner.Metadata?.NamespaceProperty ?? "default",
            labelSelector: SelectorText(selector), cancellationToken: ct).ConfigureAwait(false);
        return ControllerRevisionsOf(owner, list.Items ?? []);
    }

    private static List<V1ReplicaSet> ByCreation(IEnumerable<V1ReplicaSet> sets)
        => sets.OrderBy(rs => rs.Metadata?.CreationTimestamp ?? DateTime.MinValue)
               .ThenBy(rs => rs.Metadata?.Name, StringComparer.Ordinal)
               .ToList();
}
