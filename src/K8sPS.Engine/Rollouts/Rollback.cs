using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Rollouts;

/// <summary>
/// What <c>kubectl rollout undo</c> would do. <see cref="Skipped"/> is the no-op kubectl reports as
/// "skipped rollback (current template already matches revision N)"; otherwise <see cref="Patch"/> is the
/// patch it sends and <see cref="Message"/> is "rolled back".
/// </summary>
/// <param name="ToRevision">The revision rolled back to (the previous one resolved when 0 was asked for).</param>
/// <param name="Template">That revision's pod template, as it will be restored.</param>
public sealed record RollbackResult(bool Skipped, string Message, long ToRevision, V1PodTemplateSpec Template, PatchRequest? Patch);

/// <summary>
/// <c>kubectl rollout undo</c> for Deployments (rollback.go DeploymentRollbacker: the target ReplicaSet's
/// template without pod-template-hash, and its annotations, sent as a JSON patch) and for StatefulSets and
/// DaemonSets (the target ControllerRevision's data sent as a strategic merge patch). toRevision 0 means
/// the revision before the latest.
/// </summary>
public static class Rollback
{
    public const string RolledBack = "rolled back";

    /// <summary>
    /// Annotations a Deployment keeps through a rollback and does not take from the ReplicaSet (kubectl's
    /// annotationsToSkip): last-applied-configuration, the revision bookkeeping of the Deployment controller,
    /// and the deprecated rollback request.
    /// </summary>
    public static readonly IReadOnlySet<string> AnnotationsToSkip = new HashSet<string>(StringComparer.Ordinal)
    {
        "kubectl.kubernetes.io/last-applied-configuration",
        RolloutHistory.RevisionAnnotation,
        "deployment.kubernetes.io/revision-history",
        "deployment.kubernetes.io/desired-replicas",
        "deployment.kubernetes.io/max-replicas",
        "deprecated.deployment.rollback.to",
    };

    public static RollbackResult ForDeployment(V1Deployment deployment, IEnumerable<V1ReplicaSet> replicaSets, long toRevision = 0)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(replicaSets);
        var owned = OwnedObjects.ReplicaSetsOf(deployment, replicaSets);
        if (toRevision < 0) throw new K8sException(NotInHistory(toRevision, Revisions(owned), deployment));
        var (target, revision) = DeploymentTarget(deployment, owned, toRevision);

        if (deployment.Spec?.Paused == true)
        {
            var name = deployment.Metadata?.Name;
            throw new K8sException(new K8sError("DeploymentPaused", K8sErrorCategory.Conflict,
                $"you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/{name}' and try again")
            {
                Kind = "Deployment",
                Name = name,
                Namespace = deployment.Metadata?.NamespaceProperty,
                RecommendedAction = "Resume the rollout first (Resume-K8sRollout), then undo it.",
            });
        }

        var template = Workload.Clone(target.Spec?.Template ?? new V1PodTemplateSpec());
        if (TemplateJson.EqualIgnoreHash(template, deployment.Spec?.Template))
            return Skip(revision, template);
        template.Metadata?.Labels?.Remove(TemplateJson.PodTemplateHashLabel);

        // The Deployment keeps its own values of the skipped keys and takes every other annotation from the ReplicaSet.
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in AnnotationsToSkip)
            if (deployment.Metadata?.Annotations?.TryGetValue(key, out var value) == true) annotations[key] = value;
        foreach (var (key, value) in target.Metadata?.Annotations ?? new Dictionary<string, string>())
            if (!AnnotationsToSkip.Contains(key)) annotations[key] = value;

        var patch = new JsonArray(
            new JsonObject { ["op"] = "replace", ["path"] = "/spec/template", ["value"] = TemplateJson.ToNode(template) },
            new JsonObject { ["op"] = "replace", ["path"] = "/metadata/annotations", ["value"] = new JsonObject(annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))) });
        return new RollbackResult(false, RolledBack, revision, template, new PatchRequest(TemplateJson.Text(patch), V1Patch.PatchType.JsonPatch));
    }

    public static RollbackResult ForStatefulSet(V1StatefulSet statefulSet, IEnumerable<V1ControllerRevision> revisions, long toRevision = 0)
    {
        ArgumentNullException.ThrowIfNull(statefulSet);
        return FromControllerRevisions(statefulSet, statefulSet.Spec?.Template, revisions, toRevision);
    }

    public static RollbackResult ForDaemonSet(V1DaemonSet daemonSet, IEnumerable<V1ControllerRevision> revisions, long toRevision = 0)
    {
        ArgumentNullException.ThrowIfNull(daemonSet);
        return FromControllerRevisions(daemonSet, daemonSet.Spec?.Template, revisions, toRevision);
    }

    /// <summary>
    /// kubectl's deploymentRevision: the ReplicaSet of <paramref name="toRevision"/>, or for 0 the one with the
    /// second-highest revision.
    /// </summary>
    private static (V1ReplicaSet Target, long Revision) DeploymentTarget(V1Deployment deployment, IReadOnlyList<V1ReplicaSet> owned, long toRevision)
    {
        V1ReplicaSet? latest = null, previous = null;
        long latestRevision = -1, previousRevision = -1;
        foreach (var rs in owned)
        {
            if (!RolloutHistory.TryRevision(rs.Metadata, out var v)) continue;
            if (toRevision == 0)
            {
                if (latestRevision < v)
                {
                    (previousRevision, previous) = (latestRevision, latest);
                    (latestRevision, latest) = (v, rs);
                }
                else if (previousRevision < v)
                {
                    (previousRevision, previous) = (v, rs);
                }
            }
            else if (toRevision == v)
            {
                return (rs, v);
            }
        }
        if (toRevision > 0) throw new K8sException(NotInHistory(toRevision, Revisions(owned), deployment));
        if (previous is null)
            throw new K8sException(new K8sError("NoPreviousRevision", K8sErrorCategory.NotFound,
                $"no rollout history found for deployment \"{deployment.Metadata?.Name}\"{HasOnly(Revisions(owned))}")
            {
                Kind = "Deployment",
                Name = deployment.Metadata?.Name,
                Namespace = deployment.Metadata?.NamespaceProperty,
                RecommendedAction = "There is no earlier revision to go back to.",
            });
        return (previous, previousRevision);
    }

    private static RollbackResult FromControllerRevisions(IMetadata<V1ObjectMeta> owner, V1PodTemplateSpec? current, IEnumerable<V1ControllerRevision> revisions, long toRevision)
    {
        ArgumentNullException.ThrowIfNull(revisions);
        var history = OwnedObjects.ControllerRevisionsOf(owner, revisions);
        var numbers = history.Select(h => h.Revision ?? 0).ToList();
        if (toRevision < 0) throw new K8sException(NotInHistory(toRevision, numbers, owner));
        if (toRevision == 0 && history.Count <= 1)
            throw new K8sException(new K8sError("NoPreviousRevision", K8sErrorCategory.NotFound,
                $"no last revision to roll back to{HasOnly(numbers)}")
            {
                Kind = Workload.Of(owner).Kind,
                Name = owner.Metadata?.Name,
                Namespace = owner.Metadata?.NamespaceProperty,
                RecommendedAction = "There is no earlier revision to go back to.",
            });

        var target = toRevision == 0
            ? history.OrderBy(h => h.Revision ?? 0).ElementAt(history.Count - 2)
            : history.FirstOrDefault(h => (h.Revision ?? 0) == toRevision) ?? throw new K8sException(NotInHistory(toRevision, numbers, owner));
        var revision = target.Revision ?? 0;
        var template = ControllerRevisionData.TemplateOf(target, current);
        if (ControllerRevisionData.Matches(target, current)) return Skip(revision, template);
        return new RollbackResult(false, RolledBack, revision, template,
            new PatchRequest(ControllerRevisionData.PatchText(target), V1Patch.PatchType.StrategicMergePatch));
    }

    /// <summary>kubectl's message names the revision asked for, which is 0 for "previous"; this one names the revision found.</summary>
    private static RollbackResult Skip(long revision, V1PodTemplateSpec template)
        => new(true, $"skipped rollback (current template already matches revision {revision.ToString(CultureInfo.InvariantCulture)})", revision, template, null);

    private static IEnumerable<long> Revisions(IEnumerable<V1ReplicaSet> owned)
    {
        foreach (var rs in owned)
            if (RolloutHistory.TryRevision(rs.Metadata, out var v)) yield return v;
    }

    private static K8sError NotInHistory(long toRevision, IEnumerable<long> existing, IMetadata<V1ObjectMeta> owner)
        => RolloutHistory.RevisionNotFound($"unable to find specified revision {toRevision.ToString(CultureInfo.InvariantCulture)} in history", existing, owner);

    private static string HasOnly(IEnumerable<long> revisions)
    {
        var list = revisions.Distinct().Order().ToList();
        return list.Count == 0 ? "" : $" (the only revision is {list[^1].ToString(CultureInfo.InvariantCulture)})";
    }
}
