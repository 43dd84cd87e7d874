using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using K8sPS.Engine.Rollouts;

namespace K8sPS.Engine.Tests.Rollouts;

/// <summary>Workloads and their ReplicaSets / ControllerRevisions shaped as the 1.20 controllers make them.</summary>
internal static class Fixtures
{
    public static readonly DateTime T0 = new(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc);

    public static V1PodTemplateSpec Template(string app, params (string Name, string Image)[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = app } },
        Spec = new V1PodSpec
        {
            Containers = containers.Select(c => new V1Container
            {
                Name = c.Name,
                Image = c.Image,
                ImagePullPolicy = "IfNotPresent",
                TerminationMessagePath = "/dev/termination-log",
                TerminationMessagePolicy = "File",
                Resources = new V1ResourceRequirements(),
            }).ToList(),
            RestartPolicy = "Always",
            DnsPolicy = "ClusterFirst",
            SchedulerName = "default-scheduler",
            TerminationGracePeriodSeconds = 30,
            SecurityContext = new V1PodSecurityContext(),
        },
    };

    public static V1Deployment Deployment(string name, V1PodTemplateSpec template, long? revision = null, string uid = "uid-deploy")
        => new()
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = "shop",
                Uid = uid,
                Generation = 1,
                Annotations = revision is null ? null : new Dictionary<string, string> { [RolloutHistory.RevisionAnnotation] = revision.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            },
            Spec = new V1DeploymentSpec
            {
                Replicas = 3,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                Template = Workload(template),
            },
            Status = new V1DeploymentStatus { ObservedGeneration = 1 },
        };

    /// <summary>A ReplicaSet the Deployment controller made: its template with pod-template-hash, its revision annotations.</summary>
    public static V1ReplicaSet ReplicaSet(V1Deployment owner, string hash, long? revision, V1PodTemplateSpec template, DateTime created,
        string? changeCause = null, string? ownerUid = null, Dictionary<string, string>? annotations = null)
    {
        var t = Workload(template);
        t.Metadata.Labels[TemplateJsonHashLabel] = hash;
        var notes = annotations ?? new Dictionary<string, string>
        {
            ["deployment.kubernetes.io/desired-replicas"] = "3",
            ["deployment.kubernetes.io/max-replicas"] = "4",
        };
        if (revision is not null) notes[RolloutHistory.RevisionAnnotation] = revision.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (changeCause is not null) notes[ImageUpdate.ChangeCauseAnnotation] = changeCause;
        return new V1ReplicaSet
        {
            ApiVersion = "apps/v1",
            Kind = "ReplicaSet",
            Metadata = new V1ObjectMeta
            {
                Name = $"{owner.Metadata.Name}-{hash}",
                NamespaceProperty = owner.Metadata.NamespaceProperty,
                Uid = "uid-rs-" + hash,
                CreationTimestamp = created,
                Labels = new Dictionary<string, string>(t.Metadata.Labels),
                Annotations = notes,
                OwnerReferences =
                [
                    new V1OwnerReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = owner.Metadata.Name, Uid = ownerUid ?? owner.Metadata.Uid, Controller = true, BlockOwnerDeletion = true },
                ],
            },
            Spec = new V1ReplicaSetSpec { Replicas = 0, Selector = owner.Spec.Selector, Template = t },
        };
    }

    public const string TemplateJsonHashLabel = "pod-template-hash";

    public static V1StatefulSet StatefulSet(string name, V1PodTemplateSpec template, string uid = "uid-sts") => new()
    {
        ApiVersion = "apps/v1",
        Kind = "StatefulSet",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "shop", Uid = uid, Generation = 1 },
        Spec = new V1StatefulSetSpec
        {
            Replicas = 3,
            ServiceName = name,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = Workload(template),
            UpdateStrategy = new V1StatefulSetUpdateStrategy { Type = "RollingUpdate", RollingUpdate = new V1RollingUpdateStatefulSetStrategy { Partition = 0 } },
        },
        Status = new V1StatefulSetStatus { ObservedGeneration = 1 },
    };

    public static V1DaemonSet DaemonSet(string name, V1PodTemplateSpec template, string uid = "uid-ds") => new()
    {
        ApiVersion = "apps/v1",
        Kind = "DaemonSet",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "kube-system", Uid = uid, Generation = 1 },
        Spec = new V1DaemonSetSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = Workload(template),
            UpdateStrategy = new V1DaemonSetUpdateStrategy { Type = "RollingUpdate" },
        },
        Status = new V1DaemonSetStatus { ObservedGeneration = 1 },
    };

    /// <summary>
    /// A ControllerRevision as the StatefulSet/DaemonSet controllers write it: data is Go's encoding of
    /// {"spec":{"template":{..., "$patch":"replace"}}}, keys sorted, with the null creationTimestamp and empty
    /// structs Go writes and the C# model leaves out.
    /// </summary>
    public static V1ControllerRevision Revision(IMetadata<V1ObjectMeta> owner, string kind, long revision, V1PodTemplateSpec template, string hash,
        string? changeCause = null, string? ownerUid = null)
    {
        var t = JsonNode.Parse(KubernetesJson.Serialize(template))!.AsObject();
        var meta = t["metadata"] as JsonObject ?? new JsonObject();
        meta["creationTimestamp"] = null;
        t["metadata"] = meta;
        t["$patch"] = "replace";
        var data = new JsonObject { ["spec"] = new JsonObject { ["template"] = Sorted(t) } };
        return new V1ControllerRevision
        {
            ApiVersion = "apps/v1",
            Kind = "ControllerRevision",
            Metadata = new V1ObjectMeta
            {
                Name = $"{owner.Metadata.Name}-{hash}",
                NamespaceProperty = owner.Metadata.NamespaceProperty,
                Labels = kind == "DaemonSet"
                    ? new Dictionary<string, string> { ["app"] = owner.Metadata.Name, [ControllerRevisionData.DaemonSetHashLabel] = hash }
                    : new Dictionary<string, string> { ["app"] = owner.Metadata.Name, [ControllerRevisionData.RevisionHashLabel] = hash },
                Annotations = changeCause is null ? null : new Dictionary<string, string> { [ImageUpdate.ChangeCauseAnnotation] = changeCause },
                OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = kind, Name = owner.Metadata.Name, Uid = ownerUid ?? owner.Metadata.Uid, Controller = true }],
            },
            Revision = revision,
            // As KubernetesClient gives it after reading a ControllerRevision from the server.
            Data = JsonDocument.Parse(data.ToJsonString()).RootElement.Clone(),
        };
    }

    private static JsonNode Sorted(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Sorted(p.Value.DeepClone())))),
        JsonArray a => new JsonArray(a.Select(v => v is null ? null : Sorted(v.DeepClone())).ToArray()),
        _ => node.DeepClone(),
    };

    /// <summary>A copy, so fixtures never share objects.</summary>
    public static T Workload<T>(T o) where T : class => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(o));
}
