using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace K8sPS.LocalCluster.Simulator;

/// <summary>
/// Turns a wanted pod status into the strategic-merge patch a kubelet sends to pods/status, and tells
/// when the server already has it (so no-op patches are never sent). Pure.
/// </summary>
public static class PodStatusPatch
{
    /// <summary>
    /// True when the server's status already says what <paramref name="wanted"/> says, in the fields
    /// this simulator owns, at the server's precision (whole seconds).
    /// </summary>
    public static bool IsSatisfied(V1PodStatus? current, V1PodStatus wanted) =>
        Signature(current ?? new V1PodStatus()) == Signature(wanted);

    /// <summary>
    /// The patch body. metadata.uid makes it a precondition, as the kubelet's is: a pod deleted and
    /// re-created under the same name is never patched by mistake. Conditions merge by type, so those of
    /// others (readiness gates) stay; cleared reasons are sent as null so stale ones go away.
    /// </summary>
    public static string Build(V1Pod pod, V1PodStatus wanted)
    {
        var status = new JsonObject
        {
            ["phase"] = wanted.Phase,
            ["hostIP"] = wanted.HostIP,
            ["startTime"] = Time(wanted.StartTime),
            ["conditions"] = new JsonArray(wanted.Conditions.Select(c => (JsonNode)ConditionNode(c, pod.Status?.Conditions)).ToArray()),
            ["containerStatuses"] = JsonNode.Parse(KubernetesJson.Serialize(wanted.ContainerStatuses)),
        };
        if (wanted.PodIP is not null)
        {
            status["podIP"] = wanted.PodIP;
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = wanted.PodIP });
        }
        if (wanted.InitContainerStatuses is not null)
            status["initContainerStatuses"] = JsonNode.Parse(KubernetesJson.Serialize(wanted.InitContainerStatuses));

        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["uid"] = pod.Metadata.Uid },
            ["status"] = status,
        };
        return patch.ToJsonString();
    }

    /// <summary>A text that is equal for two statuses exactly when they agree on everything the simulator writes.</summary>
    public static string Signature(V1PodStatus status)
    {
        var text = new StringBuilder();
        text.Append(status.Phase).Append('|').Append(status.HostIP).Append('|').Append(status.PodIP).Append('|').Append(Time(status.StartTime)).Append('|');
        foreach (var type in PodStatusFactory.OwnedConditions)
        {
            var c = status.Conditions?.FirstOrDefault(x => x.Type == type);
            if (c is not null) text.Append(type).Append('=').Append(c.Status).Append(':').Append(c.Reason).Append(':').Append(c.Message).Append(';');
        }
        text.Append('|');
        AppendContainers(text, status.InitContainerStatuses);
        text.Append('|');
        AppendContainers(text, status.ContainerStatuses);
        return text.ToString();
    }

    private static void AppendContainers(StringBuilder text, IList<V1ContainerStatus>? statuses)
    {
        foreach (var s in statuses ?? Array.Empty<V1ContainerStatus>())
        {
            text.Append(s.Name).Append(':').Append(s.Ready).Append(':').Append(s.Started ?? false).Append(':').Append(s.ContainerID).Append(':');
            if (s.State?.Running is { } running) text.Append("running@").Append(Time(running.StartedAt));
            else if (s.State?.Terminated is { } done) text.Append("terminated@").Append(Time(done.FinishedAt)).Append(':').Append(done.ExitCode).Append(':').Append(done.Reason);
            else if (s.State?.Waiting is { } waiting) text.Append("waiting:").Append(waiting.Reason);
            text.Append(';');
        }
    }

    private static JsonObject ConditionNode(V1PodCondition wanted, IList<V1PodCondition>? current)
    {
        // A condition that keeps its status keeps the transition time the server already has.
        var existing = current?.FirstOrDefault(c => c.Type == wanted.Type);
        var transition = existing is not null && existing.Status == wanted.Status && existing.LastTransitionTime is not null
            ? existing.LastTransitionTime
            : wanted.LastTransitionTime;
        return new JsonObject
        {
            ["type"] = wanted.Type,
            ["status"] = wanted.Status,
            ["reason"] = wanted.Reason,
            ["message"] = wanted.Message,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = Time(transition),
        };
    }

    /// <summary>RFC 3339 in whole seconds, as the API server stores metav1.Time.</summary>
    public static string? Time(DateTime? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
