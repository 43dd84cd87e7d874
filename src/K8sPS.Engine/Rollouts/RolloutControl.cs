using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Rollouts;

/// <summary>
/// <c>kubectl rollout restart | pause | resume</c>: the strategic merge patch each sends, or kubectl's
/// refusal. Restart works on Deployments, DaemonSets and StatefulSets; pause and resume on Deployments only.
/// </summary>
public static class RolloutControl
{
    public const string RestartedAtAnnotation = "kubectl.kubernetes.io/restartedAt";

    /// <summary>
    /// Stamps <c>kubectl.kubernetes.io/restartedAt</c> on the pod template (time as Go's RFC3339: seconds,
    /// "Z" or the offset), which makes the controller replace every pod. A paused Deployment is refused, as
    /// kubectl does.
    /// </summary>
    public static PatchRequest Restart(object workload, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(workload);
        if (workload is not (V1Deployment or V1DaemonSet or V1StatefulSet))
            throw Refused(workload, "RestartNotSupported", K8sErrorCategory.NotSupported, "restarting is not supported",
                "Restart works on Deployments, DaemonSets and StatefulSets.");
        if (workload is V1Deployment { Spec.Paused: true })
            throw Refused(workload, "DeploymentPaused", K8sErrorCategory.Conflict, "can't restart paused deployment (run rollout resume first)",
                "Resume the rollout first (Resume-K8sRollout), then restart it.");

        var stamp = Rfc3339(now);
        var current = Workload.Template(workload)?.Metadata?.Annotations;
        if (current is not null && current.TryGetValue(RestartedAtAnnotation, out var old) && old == stamp)
            throw new K8sException(new K8sError("EmptyPatch", K8sErrorCategory.Conflict,
                $"failed to create patch for {Workload.Name(workload)}: empty patch ({Workload.Describe(workload)} was restarted at {stamp} already)")
            {
                Kind = Workload.Of(workload).Kind,
                Name = Workload.Name(workload),
                Namespace = Workload.Meta(workload)?.NamespaceProperty,
                RecommendedAction = "Restart again a second later.",
            });
        var patch = new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RestartedAtAnnotation] = stamp } },
                },
            },
        };
        return new PatchRequest(TemplateJson.Text(patch), V1Patch.PatchType.StrategicMergePatch);
    }

    /// <summary>Sets spec.paused; kubectl's "is already paused" when it is.</summary>
    public static PatchRequest Pause(object workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        if (workload is not V1Deployment d)
            throw Refused(workload, "PauseNotSupported", K8sErrorCategory.NotSupported, "pausing is not supported", "Only Deployments can be paused.");
        if (d.Spec?.Paused == true)
            throw Refused(workload, "AlreadyPaused", K8sErrorCategory.Conflict, "is already paused", "It is paused already; Resume-K8sRollout resumes it.");
        return new PatchRequest("""{"spec":{"paused":true}}""", V1Patch.PatchType.StrategicMergePatch);
    }

    /// <summary>Clears spec.paused (kubectl's patch removes the field); kubectl's "is not paused" when it is not.</summary>
    public static PatchRequest Resume(object workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        if (workload is not V1Deployment d)
            throw Refused(workload, "ResumeNotSupported", K8sErrorCategory.NotSupported, "resuming is not supported", "Only Deployments can be paused and resumed.");
        if (d.Spec?.Paused != true)
            throw Refused(workload, "NotPaused", K8sErrorCategory.Conflict, "is not paused", "It is not paused; there is nothing to resume.");
        return new PatchRequest("""{"spec":{"paused":null}}""", V1Patch.PatchType.StrategicMergePatch);
    }

    /// <summary>Go's time.Format(time.RFC3339): 2006-01-02T15:04:05Z07:00 (whole seconds; "Z" for a zero offset).</summary>
    public static string Rfc3339(DateTimeOffset time)
    {
        var text = time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        if (time.Offset == TimeSpan.Zero) return text + "Z";
        var offset = time.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{text}{sign}{offset.Hours:00}:{offset.Minutes:00}");
    }

    /// <summary>kubectl's wording: <c>deployments.apps "web" is already paused</c>.</summary>
    private static K8sException Refused(object workload, string id, K8sErrorCategory category, string what, string action)
        => new(new K8sError(id, category, $"{Workload.Describe(workload)} {what}")
        {
            Kind = Workload.Of(workload).Kind,
            Name = Workload.Name(workload),
            Namespace = Workload.Meta(workload)?.NamespaceProperty,
            RecommendedAction = action,
        });
}
