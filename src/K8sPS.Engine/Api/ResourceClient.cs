using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Rollouts;
using K8sPS.Engine.Waits;

namespace K8sPS.Engine.Api;

/// <summary>Get, list and delete any kind the server serves, named as kubectl users name them (deploy, svc, po...).</summary>
public sealed class ResourceClient
{
    private readonly KubeRest _rest;

    public ResourceClient(KubeRest rest) => _rest = rest;

    public KubeRest Rest => _rest;

    /// <summary>The resource for a kind, plural, singular or short name ("deploy", "deployments.apps", "Deployment").</summary>
    public async Task<ApiResource> ResolveAsync(string name, CancellationToken ct)
    {
        var catalog = await ApiCatalog.GetAsync(_rest, ct).ConfigureAwait(false);
        var resource = catalog.Resolve(name);
        if (resource is null)
        {
            catalog = await ApiCatalog.GetAsync(_rest, ct, refresh: true).ConfigureAwait(false); // maybe a CRD that is new
            resource = catalog.Resolve(name);
        }
        return resource ?? throw new K8sException(new K8sError("UnknownResourceType", K8sErrorCategory.NotFound,
            $"The server doesn't have a resource type \"{name}\".")
        { RecommendedAction = "List the kinds the server serves with: kubectl api-resources" });
    }

    public async Task<ApiResource?> FindAsync(string apiVersion, string kind, CancellationToken ct)
    {
        var catalog = await ApiCatalog.GetAsync(_rest, ct).ConfigureAwait(false);
        // Not in the cached discovery: maybe a CRD created since (by kubectl, by another session).
        return catalog.Find(apiVersion, kind)
            ?? (await ApiCatalog.GetAsync(_rest, ct, refresh: true).ConfigureAwait(false)).Find(apiVersion, kind);
    }

    /// <summary>The error kubectl gives for an object that is not there: deployments.apps "x" not found in namespace "y".</summary>
    public static K8sError NotFound(ApiResource resource, string name, string? ns)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new K8sError("NotFound", K8sErrorCategory.NotFound, $"{resource.QualifiedPlural} \"{name}\" not found{(ns is null ? "" : $" in namespace \"{ns}\"")}")
        { Kind = resource.Kind, Name = name, Namespace = ns };
    }

    /// <summary>One object, or null when it does not exist.</summary>
    public async Task<JsonObject?> GetAsync(ApiResource resource, string? ns, string name, CancellationToken ct)
    {
        var r = await _rest.GetAsync(resource.ItemPath(ns, name), ct).ConfigureAwait(false);
        if (r.StatusCode == 404) return null;
        if (!r.IsSuccess) throw new K8sException(ErrorMapper.FromStatus(r.StatusCode, r.Body, resource.Kind, name, ns));
        return r.Json as JsonObject;
    }

    /// <summary>Every object of a kind (ns null: all namespaces), page by page, so big lists stream.</summary>
    public async IAsyncEnumerable<JsonObject> ListAsync(ApiResource resource, string? ns, string? labelSelector, string? fieldSelector,
        [EnumeratorCancellation] CancellationToken ct)
    {
        string? next = null;
        do
        {
            var query = new List<string> { "limit=" + Resources.ListPages.Size.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (!string.IsNullOrEmpty(labelSelector)) query.Add("labelSelector=" + Uri.EscapeDataString(labelSelector));
            if (!string.IsNullOrEmpty(fieldSelector)) query.Add("fieldSelector=" + Uri.EscapeDataString(fieldSelector));
            if (next is not null) query.Add("continue=" + Uri.EscapeDataString(next));
            var r = await _rest.GetAsync(resource.CollectionPath(ns) + "?" + string.Join('&', query), ct).ConfigureAwait(false);
            if (!r.IsSuccess) throw new K8sException(ErrorMapper.FromStatus(r.StatusCode, r.Body, resource.Kind, null, ns));
            var list = r.Json;
            foreach (var item in list?["items"]?.AsArray() ?? [])
            {
                if (item is not JsonObject o) continue;
                // List items come without their type; kubectl fills it in, and so do we.
                var typed = new JsonObject { ["apiVersion"] = resource.ApiVersion, ["kind"] = resource.Kind };
                foreach (var (k, v) in o.ToList()) { o.Remove(k); typed[k] = v; }
                yield return typed;
            }
            next = list?["metadata"]?["continue"]?.GetValue<string>();
        } while (!string.IsNullOrEmpty(next));
    }

    /// <summary>
    /// Patches one object of any kind (the body and its type as kubectl sends them) and returns it as the server has
    /// it afterwards; a missing object is kubectl's NotFound, a 409 the Conflict that ConflictRetry reads again on.
    /// </summary>
    public async Task<JsonObject> PatchAsync(ApiResource resource, string? ns, string name, PatchRequest patch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(patch);
        var r = await _rest.SendAsync(HttpMethod.Patch, resource.ItemPath(ns, name), patch.Json, patch.ContentType, ct).ConfigureAwait(false);
        if (r.StatusCode == 404) throw new K8sException(NotFound(resource, name, resource.Namespaced ? ns : null));
        if (!r.IsSuccess) throw new K8sException(ErrorMapper.FromStatus(r.StatusCode, r.Body, resource.Kind, name, ns));
        return r.Json as JsonObject ?? throw new K8sException(new K8sError("UnexpectedResponse", K8sErrorCategory.ServerError,
            $"The server answered the patch of {resource.QualifiedKind}/{name} with no object.") { Kind = resource.Kind, Name = name, Namespace = ns });
    }

    /// <summary>Deletes one object; background cascading as kubectl's default. False when it was already gone.</summary>
    public async Task<bool> DeleteAsync(ApiResource resource, string? ns, string name, bool dryRun, string propagation, CancellationToken ct)
    {
        var body = new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1", ["propagationPolicy"] = propagation };
        if (dryRun) body["dryRun"] = new JsonArray("All");
        var r = await _rest.SendAsync(HttpMethod.Delete, resource.ItemPath(ns, name), body.ToJsonString(), "application/json", ct).ConfigureAwait(false);
        if (r.StatusCode == 404) return false;
        if (!r.IsSuccess) throw new K8sException(ErrorMapper.FromStatus(r.StatusCode, r.Body, resource.Kind, name, ns));
        return true;
    }

    /// <summary>Waits until the object is gone (or replaced by a new one with another uid), as every Remove -Wait does.</summary>
    public Task WaitDeletedAsync(ApiResource resource, string? ns, string name, string? uid, TimeSpan timeout, CancellationToken ct)
        => DeletionWait.WaitGoneAsync(async c => await GetAsync(resource, ns, name, c).ConfigureAwait(false) is { } live ? live["metadata"]?["uid"]?.GetValue<string>() ?? "" : null,
            $"{resource.QualifiedKind}/{name}", resource.Kind, resource.Namespaced ? ns : null, name, uid, timeout, DeletionWait.DefaultPoll, ct);
}
