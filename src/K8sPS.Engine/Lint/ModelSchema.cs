using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace K8sPS.Engine.Lint;

/// <summary>What a field holds, as far as a manifest can tell.</summary>
public enum FieldShape { Any, String, Integer, Number, Boolean, IntOrString, Quantity, Object, List, Map }

/// <summary>
/// The schema of every kind KubernetesClient knows, by reflection over its model types: field names come from
/// their JSON property names, so the schema follows the real API types rather than a hand-kept list.
/// </summary>
public static class ModelSchema
{
    private static readonly Lazy<Dictionary<(string ApiVersion, string Kind), Type>> Kinds = new(LoadKinds);
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, FieldType>> Fields = new();

    private static Dictionary<(string, string), Type> LoadKinds()
    {
        var map = new Dictionary<(string, string), Type>();
        foreach (var t in typeof(V1Pod).Assembly.GetTypes())
        {
            var e = t.GetCustomAttribute<KubernetesEntityAttribute>();
            if (e is null || string.IsNullOrEmpty(e.Kind) || e.Kind.EndsWith("List", StringComparison.Ordinal) && t.GetProperty("Items") is not null) continue;
            var apiVersion = string.IsNullOrEmpty(e.Group) ? e.ApiVersion : $"{e.Group}/{e.ApiVersion}";
            map.TryAdd((apiVersion, e.Kind), t);
        }
        return map;
    }

    /// <summary>The model type of a kind in an API version, or null when KubernetesClient has none (CRDs, removed APIs).</summary>
    public static Type? TypeOf(string? apiVersion, string? kind) =>
        apiVersion is null || kind is null ? null : Kinds.Value.GetValueOrDefault((apiVersion, kind));

    /// <summary>API versions the client models know for a kind.</summary>
    public static IReadOnlyList<string> VersionsOf(string kind) =>
        Kinds.Value.Keys.Where(k => string.Equals(k.Kind, kind, StringComparison.Ordinal)).Select(k => k.ApiVersion).Order().ToList();

    /// <summary>The kind's spelling when it differs only by case ("deployment" for "Deployment").</summary>
    public static string? KindByIgnoreCase(string kind) =>
        Kinds.Value.Keys.Select(k => k.Kind).FirstOrDefault(k => string.Equals(k, kind, StringComparison.OrdinalIgnoreCase));

    /// <summary>"V1EnvVar" -> "EnvVar", "V2beta2HorizontalPodAutoscalerSpec" -> "HorizontalPodAutoscalerSpec".</summary>
    public static string ModelName(Type t) =>
        System.Text.RegularExpressions.Regex.Replace(t.Name, @"^V\d+((alpha|beta)\d+)?(?=[A-Z])", "");

    /// <summary>JSON field name to field type for a model type.</summary>
    public static IReadOnlyDictionary<string, FieldType> FieldsOf(Type model) => Fields.GetOrAdd(model, static t =>
    {
        var map = new Dictionary<string, FieldType>(StringComparer.Ordinal);
        foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
            if (name is null) continue;
            map[name] = TypeFor(p.PropertyType);
        }
        return map;
    });

    public static FieldType TypeFor(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        if (t == typeof(string) || t == typeof(DateTime) || t == typeof(byte[])) return new(FieldShape.String);
        if (t == typeof(int) || t == typeof(long)) return new(FieldShape.Integer);
        if (t == typeof(double) || t == typeof(float) || t == typeof(decimal)) return new(FieldShape.Number);
        if (t == typeof(bool)) return new(FieldShape.Boolean);
        if (t == typeof(IntOrString)) return new(FieldShape.IntOrString);
        if (t == typeof(ResourceQuantity)) return new(FieldShape.Quantity);
        if (t.IsGenericType)
        {
            var def = t.GetGenericTypeDefinition();
            var args = t.GetGenericArguments();
            if (def == typeof(IDictionary<,>) || def == typeof(Dictionary<,>) || def == typeof(IReadOnlyDictionary<,>))
                return new(FieldShape.Map, null, TypeFor(args[1]));
            if (def == typeof(IList<>) || def == typeof(List<>) || def == typeof(IEnumerable<>) || def == typeof(ICollection<>) || def == typeof(IReadOnlyList<>))
                return new(FieldShape.List, null, TypeFor(args[0]));
        }
        if (t.IsClass && t.Namespace == typeof(V1Pod).Namespace && t != typeof(object)) return new(FieldShape.Object, t);
        return new(FieldShape.Any);
    }

    /// <summary>
    /// Fields the API requires (from the OpenAPI "required" lists; the client models do not carry them).
    /// One table, so what differs between versions stays in one place.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> Required = new Dictionary<string, string[]>
    {
        ["Container"] = ["name"],
        ["EphemeralContainer"] = ["name"],
        ["EnvVar"] = ["name"],
        ["Volume"] = ["name"],
        ["VolumeMount"] = ["name", "mountPath"],
        ["ContainerPort"] = ["containerPort"],
        ["PodSpec"] = ["containers"],
        ["DeploymentSpec"] = ["selector", "template"],
        ["ReplicaSetSpec"] = ["selector"],
        ["DaemonSetSpec"] = ["selector", "template"],
        ["StatefulSetSpec"] = ["selector", "template"],
        ["ServicePort"] = ["port"],
        ["AWSElasticBlockStoreVolumeSource"] = ["volumeID"],
        ["GCEPersistentDiskVolumeSource"] = ["pdName"],
        ["HostPathVolumeSource"] = ["path"],
        ["NFSVolumeSource"] = ["server", "path"],
        ["PersistentVolumeClaimVolumeSource"] = ["claimName"],
        ["SecretKeySelector"] = ["key"],
        ["ConfigMapKeySelector"] = ["key"],
        ["KeyToPath"] = ["key", "path"],
        ["HTTPGetAction"] = ["port"],
        ["TCPSocketAction"] = ["port"],
        ["StorageClass"] = ["provisioner"],
        ["LabelSelectorRequirement"] = ["key", "operator"],
        ["HTTPIngressPath"] = ["backend"],
        ["HTTPIngressRuleValue"] = ["paths"],
        ["IngressServiceBackend"] = ["name"],
        ["HorizontalPodAutoscalerSpec"] = ["scaleTargetRef", "maxReplicas"],
        ["CrossVersionObjectReference"] = ["kind", "name"],
        ["ObjectFieldSelector"] = ["fieldPath"],
        ["ResourceFieldSelector"] = ["resource"],
        ["ExecAction"] = [],
        ["JobSpec"] = ["template"],
        ["CronJobSpec"] = ["schedule", "jobTemplate"],
        ["Toleration"] = [],
        ["CustomResourceDefinitionSpec"] = ["group", "names", "scope", "versions"],
    };

    // Looked up for every object a document holds: the name's regex once per model, not once per field of each document.
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<string>> RequiredByModel = new();

    public static IReadOnlyList<string> RequiredOf(Type model) =>
        RequiredByModel.GetOrAdd(model, static t => Required.TryGetValue(ModelName(t), out var r) ? r : []);
}
