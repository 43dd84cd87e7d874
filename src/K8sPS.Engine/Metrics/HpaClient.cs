using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using K8sPS.Engine.Api;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Metrics;

/// <summary>
/// HorizontalPodAutoscalers through the dynamic path, in the best version the server serves (autoscaling/v2, else
/// v2beta2, else v1; see <see cref="HpaGenerator.ChooseApiVersion(IEnumerable{string})"/>). Not the typed client: its
/// V2 calls always go to autoscaling/v2, which a 1.20 server does not serve. v2 and v2beta2 objects are read into
/// <see cref="V2HorizontalPodAutoscaler"/> (the same shape), v1 objects into <see cref="V1HorizontalPodAutoscaler"/>.
/// </summary>
public sealed class HpaClient
{
    public const string Kind = "HorizontalPodAutoscaler";
    private const string Group = "autoscaling";

    private readonly KubeRest _rest;
    private readonly ResourceClient _resources;

    public HpaClient(KubeRest rest)
    {
        ArgumentNullException.ThrowIfNull(rest);
        _rest = rest;
        _resources = new ResourceClient(rest);
    }

    /// <summary>The autoscaling resource to read and write, in the version discovery makes best.</summary>
    public async Task<ApiResource> ResourceAsync(CancellationToken ct)
    {
        var served = Served(await ApiCatalog.GetAsync(_rest, ct).ConfigureAwait(false));
        if (served.Count == 0) served = Served(await ApiCatalog.GetAsync(_rest, ct, refresh: true).ConfigureAwait(false));
        if (served.Count == 0)
            throw new K8sException(new K8sError("AutoscalingNotServed", K8sErrorCategory.NotSupported,
                "The server serves no autoscaling API: HorizontalPodAutoscalers cannot be made or read here")
            { Kind = Kind, RecommendedAction = "Check the server's API groups with: kubectl api-versions" });
        var version = HpaGenerator.ChooseApiVersion(served.Select(r => r.ApiVersion));
        return served.FirstOrDefault(r => r.ApiVersion == version) ?? served[0];

        static List<ApiResource> Served(ApiCatalog catalog) => catalog.FindKind(Kind).Where(r => r.Group == Group).ToList();
    }

    /// <summary>One HPA, or null when there is none of that name.</summary>
    public async Task<IKubernetesObject<V1ObjectMeta>?> GetAsync(string ns, string name, CancellationToken ct)
    {
        var resource = await ResourceAsync(ct).ConfigureAwait(false);
        var json = await _resources.GetAsync(resource, ns, name, ct).ConfigureAwait(false);
        return json is null ? null : ToModel(json, resource.ApiVersion);
    }

    /// <summary>HPAs of a namespace (null: all), page by page.</summary>
    public async IAsyncEnumerable<IKubernetesObject<V1ObjectMeta>> ListAsync(string? ns, string? labelSelector, string? fieldSelector,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var resource = await ResourceAsync(ct).ConfigureAwait(false);
        await foreach (var json in _resources.ListAsync(resource, ns, labelSelector, fieldSelector, ct).ConfigureAwait(false))
            yield return ToModel(json, resource.ApiVersion);
    }

    /// <summary>Creates the HPA `kubectl autoscale` would, in the chosen version; the server's object comes back.</summary>
    public async Task<IKubernetesObject<V1ObjectMeta>> CreateAsync(string ns, AutoscaleRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        HpaGenerator.Validate(request);
        var resource = await ResourceAsync(ct).ConfigureAwait(false);
        var body = HpaGenerator.Build(request, resource.ApiVersion);
        var r = await _rest.SendAsync(HttpMethod.Post, resource.CollectionPath(ns), KubernetesJson.Serialize(body), "application/json", ct).ConfigureAwait(false);
        if (!r.IsSuccess) throw new K8sException(ErrorMapper.FromStatus(r.StatusCode, r.Body, Kind, body.Metadata.Name, ns));
        return ToModel(r.Body, resource.ApiVersion);
    }

    /// <summary>Deletes one HPA; a missing one is kubectl's NotFound.</summary>
    public async Task DeleteAsync(string ns, string name, CancellationToken ct)
    {
        var resource = await ResourceAsync(ct).ConfigureAwait(false);
        if (!await _resources.DeleteAsync(resource, ns, name, dryRun: false, "Background", ct).ConfigureAwait(false))
            throw new K8sException(ResourceClient.NotFound(resource, name, ns));
    }

    /// <summary>
    /// The workload an HPA would scale, as the server has it, or kubectl's NotFound error
    /// (deployments.apps "web" not found in namespace "x"): kubectl autoscale reads it first too.
    /// </summary>
    public async Task<JsonObject> ReadTargetAsync(string ns, ScaleTarget target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var apiVersion = HpaGenerator.ScalableKinds[target.Kind];
        var resource = await _resources.FindAsync(apiVersion, target.Kind, ct).ConfigureAwait(false)
            ?? throw new K8sException(new K8sError("UnknownResourceType", K8sErrorCategory.NotFound,
                $"The server doesn't serve {target.Kind} in {apiVersion}") { Kind = target.Kind, Name = target.Name, Namespace = ns });
        return await _resources.GetAsync(resource, ns, target.Name, ct).ConfigureAwait(false)
            ?? throw new K8sException(ResourceClient.NotFound(resource, target.Name, ns));
    }

    /// <summary>
    /// The containers of a workload's pod template that have no CPU request: with any, the HPA controller cannot
    /// compute CPU utilization and reports ScalingActive False, FailedGetResourceMetric "missing request for cpu".
    /// </summary>
    public static IReadOnlyList<string> ContainersWithoutCpuRequest(JsonObject workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var containers = workload["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? [];
        return containers.OfType<JsonObject>()
            .Where(c => c["resources"]?["requests"]?["cpu"] is null)
            .Select(c => c["name"]?.GetValue<string>() ?? "")
            .ToList();
    }

    /// <summary>The model of an HPA as the server sent it: V1 for autoscaling/v1, else V2 (v2 and v2beta2 share its shape).</summary>
    public static IKubernetesObject<V1ObjectMeta> ToModel(JsonNode json, string apiVersion)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ToModel(json.ToJsonString(), apiVersion);
    }

    public static IKubernetesObject<V1ObjectMeta> ToModel(string json, string apiVersion) =>
        apiVersion == HpaGenerator.V1
            ? KubernetesJson.Deserialize<V1HorizontalPodAutoscaler>(json)
            : KubernetesJson.Deserialize<V2HorizontalPodAutoscaler>(json);
}
