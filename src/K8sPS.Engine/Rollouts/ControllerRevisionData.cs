using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Rollouts;

/// <summary>
/// What a StatefulSet's or DaemonSet's ControllerRevision holds: its data is a strategic merge patch
/// <c>{"spec":{"template":{..., "$patch":"replace"}}}</c> that turns the workload back into that revision.
/// </summary>
public static class ControllerRevisionData
{
    /// <summary>The DaemonSet controller's hash label on its ControllerRevisions (and pods).</summary>
    public const string DaemonSetHashLabel = "controller-revision-hash";
    /// <summary>The label pkg/controller/history puts on every ControllerRevision it makes.</summary>
    public const string RevisionHashLabel = "controller.kubernetes.io/hash";

    /// <summary>
    /// The pod template of that revision: the data applied to <paramref name="current"/>, as kubectl's
    /// historyviewer does (with <c>$patch: replace</c> the current template does not matter).
    /// </summary>
    public static V1PodTemplateSpec TemplateOf(V1ControllerRevision revision, V1PodTemplateSpec? current)
    {
        ArgumentNullException.ThrowIfNull(revision);
        try
        {
            var node = TemplateJson.TemplateFromRevisionData(TemplateJson.FromData(revision.Data), TemplateJson.ToNode(current));
            return TemplateJson.ToTemplate(node) ?? new V1PodTemplateSpec();
        }
        catch (JsonException e)
        {
            throw new K8sException(new K8sError("InvalidControllerRevision", K8sErrorCategory.InvalidArgument,
                $"unable to parse history {revision.Metadata?.Name}: {e.Message}")
            {
                Kind = "ControllerRevision",
                Name = revision.Metadata?.Name,
                Namespace = revision.Metadata?.NamespaceProperty,
            }, e);
        }
    }

    /// <summary>
    /// True when the workload's current template is this revision's, which kubectl checks by comparing the
    /// patch the controller would write now with the stored data. Compared as JSON values here, so key order
    /// and absent-versus-empty fields do not make a difference.
    /// </summary>
    public static bool Matches(V1ControllerRevision revision, V1PodTemplateSpec? current)
    {
        ArgumentNullException.ThrowIfNull(revision);
        var template = TemplateJson.ToNode(current) as JsonObject ?? new JsonObject();
        template["$patch"] = "replace";
        var expected = new JsonObject { ["spec"] = new JsonObject { ["template"] = template } };
        return TemplateJson.SemanticEquals(expected, TemplateJson.FromData(revision.Data));
    }

    /// <summary>The data as JSON text, unchanged: the body kubectl sends to roll back to this revision.</summary>
    public static string PatchText(V1ControllerRevision revision)
    {
        ArgumentNullException.ThrowIfNull(revision);
        return revision.Data switch
        {
            JsonElement e => e.GetRawText(),
            string s => s,
            JsonNode n => TemplateJson.Text(n),
            null => "{}",
            var other => KubernetesJson.Serialize(other),
        };
    }

    /// <summary>The revision's hash label (DaemonSet: controller-revision-hash; any: controller.kubernetes.io/hash).</summary>
    public static string? HashOf(V1ControllerRevision revision)
    {
        var labels = revision?.Metadata?.Labels;
        if (labels is null) return null;
        return labels.TryGetValue(DaemonSetHashLabel, out var h) ? h : labels.TryGetValue(RevisionHashLabel, out h) ? h : null;
    }
}
