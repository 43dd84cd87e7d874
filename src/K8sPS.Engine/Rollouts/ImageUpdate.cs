using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Rollouts;

/// <summary>One container whose image <see cref="ImageUpdate"/> changed.</summary>
public sealed record ContainerImageChange(string Container, bool IsInitContainer, string? OldImage, string NewImage);

/// <summary>
/// <c>kubectl set image</c>: sets container images in a pod template (Deployment, StatefulSet, DaemonSet,
/// ReplicaSet, ReplicationController, Job, CronJob) or a bare Pod's spec. As kubectl does, a name matches
/// init containers and containers alike, <c>*</c> matches all of them, and ephemeral containers are never
/// touched (kubectl 1.32 reports an ephemeral container's name as not found).
/// </summary>
public static class ImageUpdate
{
    public const string ChangeCauseAnnotation = "kubernetes.io/change-cause";
    public const string AllContainers = "*";

    /// <summary>
    /// Sets the images <paramref name="images"/> names (container name to image). With
    /// <paramref name="changeCause"/>, also records it in the object's <c>kubernetes.io/change-cause</c>
    /// annotation, as kubectl's --record does (the Deployment controller copies it to the new ReplicaSet,
    /// where rollout history reads it).
    /// </summary>
    public static ImageUpdateResult<T> Apply<T>(T workload, IReadOnlyDictionary<string, string> images, string? changeCause = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(images);
        Validate(images);

        var updated = Workload.Clone(workload);
        var spec = Workload.PodSpec(updated) ?? throw new K8sException(new K8sError("NoPodTemplate", K8sErrorCategory.NotSupported,
            $"the object is not a pod or does not have a pod template: {Workload.Of(workload).Kind} \"{Workload.Name(workload)}\"")
        {
            Kind = Workload.Of(workload).Kind,
            Name = Workload.Name(workload),
            Namespace = Workload.Meta(workload)?.NamespaceProperty,
            RecommendedAction = "Set images on a Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob or Pod.",
        });

        var changes = new List<ContainerImageChange>();
        var notFound = new List<string>();
        foreach (var (name, image) in images)
        {
            var inInit = Set(spec.InitContainers, name, image, isInit: true, changes);
            var inMain = Set(spec.Containers, name, image, isInit: false, changes);
            if (!inInit && !inMain) notFound.Add(name);
        }

        var causeChanged = false;
        if (changeCause is not null)
        {
            var meta = Workload.Meta(updated);
            if (meta is not null)
            {
                meta.Annotations ??= new Dictionary<string, string>();
                causeChanged = !meta.Annotations.TryGetValue(ChangeCauseAnnotation, out var old) || old != changeCause;
                meta.Annotations[ChangeCauseAnnotation] = changeCause;
            }
        }

        var patch = changes.Count > 0 || causeChanged ? BuildPatch(updated, spec, changes, causeChanged ? changeCause : null) : null;
        return new ImageUpdateResult<T>(updated, spec, changes, causeChanged, notFound, NotFoundErrorFor(workload, spec, notFound), patch);
    }

    private static void Validate(IReadOnlyDictionary<string, string> images)
    {
        if (images.Count < 1)
            throw Invalid("at least one image update is required", "Pass container=image pairs, e.g. @{ nginx = 'nginx:1.25' }, or @{ '*' = 'nginx:1.25' } for every container.");
        if (images.Count > 1 && images.ContainsKey(AllContainers))
            throw Invalid("all containers are already specified by *, but saw more than one container_name=container_image pairs",
                "Use either '*' alone or container names, not both.");
        foreach (var (name, image) in images)
            if (string.IsNullOrEmpty(name) || string.IsNullOrWhiteSpace(image))
                throw Invalid($"invalid image argument \"{name}={image}\": both a container name and an image are required",
                    "Pass container=image pairs with a non-empty name and image.");
    }

    private static K8sException Invalid(string message, string action)
        => new(new K8sError("InvalidImageArgument", K8sErrorCategory.InvalidArgument, message) { RecommendedAction = action });

    private static bool Set(IList<V1Container>? containers, string name, string image, bool isInit, List<ContainerImageChange> changes)
    {
        if (containers is null) return false;
        var found = false;
        foreach (var c in containers)
        {
            if (c.Name != name && name != AllContainers) continue;
            found = true;
            if (c.Image != image) changes.Add(new ContainerImageChange(c.Name, isInit, c.Image, image));
            c.Image = image;
        }
        return found;
    }

    private static K8sError? NotFoundErrorFor(object workload, V1PodSpec spec, List<string> notFound)
    {
        if (notFound.Count == 0) return null;
        var names = string.Join(", ", (spec.Containers ?? []).Select(c => c.Name));
        var inits = (spec.InitContainers ?? []).Select(c => c.Name).ToList();
        var has = names.Length == 0 && inits.Count == 0 ? "it has no containers"
            : $"its containers are: {(names.Length == 0 ? "(none)" : names)}{(inits.Count == 0 ? "" : $"; init containers: {string.Join(", ", inits)}")}";
        var which = string.Join(", ", notFound.Select(n => $"\"{n}\""));
        return new K8sError("ContainerNotFound", K8sErrorCategory.NotFound,
            $"unable to find container named {which} in {Workload.Describe(workload)}; {has}")
        {
            Kind = Workload.Of(workload).Kind,
            Name = Workload.Name(workload),
            Namespace = Workload.Meta(workload)?.NamespaceProperty,
            RecommendedAction = "Use one of the container names listed, or '*' for all containers.",
        };
    }

    /// <summary>
    /// The strategic merge patch kubectl computes: the changed containers (name and image) with the
    /// <c>$setElementOrder</c> list of every container name, keys in Go's sorted order.
    /// </summary>
    private static PatchRequest BuildPatch(object updated, V1PodSpec spec, List<ContainerImageChange> changes, string? changeCause)
    {
        var root = new JsonObject();
        if (changeCause is not null)
            root["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [ChangeCauseAnnotation] = changeCause } };
        if (changes.Count > 0)
        {
            var podSpec = new JsonObject();
            var lists = new[] { ("containers", spec.Containers, false), ("initContainers", spec.InitContainers, true) };
            foreach (var (key, list, isInit) in lists)
                if (changes.Any(c => c.IsInitContainer == isInit))
                    podSpec["$setElementOrder/" + key] = new JsonArray((list ?? []).Select(c => (JsonNode)new JsonObject { ["name"] = c.Name }).ToArray());
            foreach (var (key, list, isInit) in lists)
            {
                var changed = (list ?? []).Where(c => changes.Any(x => x.IsInitContainer == isInit && x.Container == c.Name)).ToList();
                if (changed.Count > 0)
                    podSpec[key] = new JsonArray(changed.Select(c => (JsonNode)new JsonObject { ["image"] = c.Image, ["name"] = c.Name }).ToArray());
            }
            JsonNode node = podSpec;
            foreach (var segment in Workload.PodSpecPath(updated).Reverse()) node = new JsonObject { [segment] = node };
            root["spec"] = node["spec"]!.DeepClone();
        }
        return new PatchRequest(TemplateJson.Text(root), V1Patch.PatchType.StrategicMergePatch);
    }
}
