using System.Globalization;
using k8s.Models;
using K8sPS.Engine.Display;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Rollouts;

/// <summary>
/// <c>kubectl rollout history</c>: the revisions of a Deployment (its ReplicaSets), StatefulSet or DaemonSet
/// (their ControllerRevisions), oldest first, and kubectl's REVISION / CHANGE-CAUSE table.
/// </summary>
public static class RolloutHistory
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string NoHistoryText = "No rollout history found.";

    /// <summary>
    /// One record per revision of the Deployment's ReplicaSets (only those it controls, whatever
    /// <paramref name="replicaSets"/> holds). As kubectl does, a ReplicaSet without the revision annotation
    /// counts as revision 0, one with an unreadable annotation is left out, and when two share a revision the
    /// later one in kubectl's order (the new ReplicaSet last) wins.
    /// </summary>
    public static IReadOnlyList<RolloutRevision> ForDeployment(V1Deployment deployment, IEnumerable<V1ReplicaSet> replicaSets)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var byRevision = new SortedDictionary<long, RolloutRevision>();
        foreach (var rs in OwnedObjects.ReplicaSetsOf(deployment, replicaSets))
        {
            if (!TryRevision(rs.Metadata, out var revision)) continue;
            var template = rs.Spec?.Template ?? new V1PodTemplateSpec();
            byRevision[revision] = new RolloutRevision(revision, ChangeCause(rs.Metadata), RolloutRevision.ImagesOf(template),
                Label(template.Metadata, TemplateJson.PodTemplateHashLabel) ?? Label(rs.Metadata, TemplateJson.PodTemplateHashLabel),
                "ReplicaSet", rs.Metadata?.Name ?? "", template);
        }
        return [.. byRevision.Values];
    }

    /// <summary>One record per ControllerRevision the StatefulSet controls; the template is the revision's data applied to the current one.</summary>
    public static IReadOnlyList<RolloutRevision> ForStatefulSet(V1StatefulSet statefulSet, IEnumerable<V1ControllerRevision> revisions)
    {
        ArgumentNullException.ThrowIfNull(statefulSet);
        return FromControllerRevisions(statefulSet, statefulSet.Spec?.Template, revisions);
    }

    /// <summary>One record per ControllerRevision the DaemonSet controls; the template is the revision's data applied to the current one.</summary>
    public static IReadOnlyList<RolloutRevision> ForDaemonSet(V1DaemonSet daemonSet, IEnumerable<V1ControllerRevision> revisions)
    {
        ArgumentNullException.ThrowIfNull(daemonSet);
        return FromControllerRevisions(daemonSet, daemonSet.Spec?.Template, revisions);
    }

    /// <summary>
    /// The record of <paramref name="revision"/>. Fails as kubectl does ("unable to find the specified
    /// revision") and says which revisions there are.
    /// </summary>
    public static RolloutRevision Find(IReadOnlyList<RolloutRevision> history, long revision, IMetadata<V1ObjectMeta>? owner = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        return history.FirstOrDefault(r => r.Revision == revision) ?? throw new K8sException(RevisionNotFound(
            $"unable to find the specified revision {revision}", history.Select(h => h.Revision), owner));
    }

    /// <summary>kubectl's history table (REVISION, CHANGE-CAUSE with &lt;none&gt;), or "No rollout history found.".</summary>
    public static string Table(IReadOnlyList<RolloutRevision> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0) return NoHistoryText;
        var rows = new List<string[]> { new[] { "REVISION", "CHANGE-CAUSE" } };
        rows.AddRange(history.OrderBy(h => h.Revision).Select(h => new[]
        {
            h.Revision.ToString(CultureInfo.InvariantCulture),
            string.IsNullOrEmpty(h.ChangeCause) ? "<none>" : h.ChangeCause,
        }));
        return TextTable.History(rows);
    }

    /// <summary>deploymentutil.Revision: the annotation's number, 0 when absent; false when it is not a number.</summary>
    public static bool TryRevision(V1ObjectMeta? meta, out long revision)
    {
        revision = 0;
        if (meta?.Annotations is null || !meta.Annotations.TryGetValue(RevisionAnnotation, out var text)) return true;
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out revision);
    }

    internal static K8sError RevisionNotFound(string kubectlMessage, IEnumerable<long> existing, IMetadata<V1ObjectMeta>? owner)
    {
        var list = existing.Distinct().Order().ToList();
        var who = owner is null ? "the object" : Workload.Describe(owner);
        var has = list.Count == 0 ? $"{who} has no rollout history"
            : $"{who} has revision{(list.Count == 1 ? "" : "s")} {string.Join(", ", list.Select(r => r.ToString(CultureInfo.InvariantCulture)))}";
        return new K8sError("RevisionNotFound", K8sErrorCategory.NotFound, $"{kubectlMessage}; {has}")
        {
            Kind = owner is null ? null : Workload.Of(owner).Kind,
            Name = owner?.Metadata?.Name,
            Namespace = owner?.Metadata?.NamespaceProperty,
            RecommendedAction = list.Count == 0 ? null : "Pass one of the revisions listed (Get-K8sRolloutHistory shows them).",
        };
    }

    private static IReadOnlyList<RolloutRevision> FromControllerRevisions(IMetadata<V1ObjectMeta> owner, V1PodTemplateSpec? current, IEnumerable<V1ControllerRevision> revisions)
    {
        ArgumentNullException.ThrowIfNull(revisions);
        var byRevision = new SortedDictionary<long, RolloutRevision>();
        foreach (var cr in OwnedObjects.ControllerRevisionsOf(owner, revisions))
        {
            var template = ControllerRevisionData.TemplateOf(cr, current);
            byRevision[cr.Revision ?? 0] = new RolloutRevision(cr.Revision ?? 0, ChangeCause(cr.Metadata), RolloutRevision.ImagesOf(template),
                ControllerRevisionData.HashOf(cr), "ControllerRevision", cr.Metadata?.Name ?? "", template);
        }
        return [.. byRevision.Values];
    }

    private static string? ChangeCause(V1ObjectMeta? meta) => Label(meta?.Annotations, ImageUpdate.ChangeCauseAnnotation);

    private static string? Label(V1ObjectMeta? meta, string key) => Label(meta?.Labels, key);

    private static string? Label(IDictionary<string, string>? map, string key)
        => map is not null && map.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
}
