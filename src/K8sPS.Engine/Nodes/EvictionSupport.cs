using System.Globalization;
using System.Text.Json.Nodes;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Nodes;

/// <summary>
/// The Eviction API as kubectl drain finds and calls it: the policy group's preferred version from discovery
/// (policy/v1beta1 on Kubernetes 1.20, policy/v1 where served), only if /api/v1 lists pods/eviction; the Eviction
/// object posted to the pod's eviction subresource.
/// </summary>
public static class EvictionSupport
{
    /// <summary>
    /// kubectl's CheckEvictionSupport over the discovery documents /apis and /api/v1: the policy group's preferred
    /// group version, or null when the server has no policy group or no pods/eviction (then drain deletes).
    /// </summary>
    public static string? PolicyGroupVersion(JsonNode? apis, JsonNode? coreV1)
    {
        var policy = apis?["groups"]?.AsArray().FirstOrDefault(g => g?["name"]?.GetValue<string>() == "policy");
        var version = policy?["preferredVersion"]?["groupVersion"]?.GetValue<string>();
        if (string.IsNullOrEmpty(version)) return null;
        var served = coreV1?["resources"]?.AsArray().Any(r => r?["name"]?.GetValue<string>() == "pods/eviction" && r?["kind"]?.GetValue<string>() == "Eviction") == true;
        return served ? version : null;
    }

    /// <summary>Reads the two discovery documents and answers <see cref="PolicyGroupVersion(JsonNode?, JsonNode?)"/>.</summary>
    public static async Task<string?> PolicyGroupVersionAsync(KubeRest rest, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rest);
        var apis = rest.GetAsync("/apis", ct);
        var core = rest.GetAsync("/api/v1", ct);
        var (a, c) = (await apis.ConfigureAwait(false), await core.ConfigureAwait(false));
        if (!a.IsSuccess) throw new Errors.K8sException(Errors.ErrorMapper.FromStatus(a.StatusCode, a.Body));
        if (!c.IsSuccess) throw new Errors.K8sException(Errors.ErrorMapper.FromStatus(c.StatusCode, c.Body));
        return PolicyGroupVersion(a.Json, c.Json);
    }

    /// <summary>The path the Eviction is posted to.</summary>
    public static string Path(string ns, string pod) => $"/api/v1/namespaces/{Uri.EscapeDataString(ns)}/pods/{Uri.EscapeDataString(pod)}/eviction";

    /// <summary>The Eviction kubectl drain posts: its group version, the pod's name and namespace, and the delete options.</summary>
    public static string Body(string ns, string pod, string policyGroupVersion, int gracePeriodSeconds)
    {
        var deleteOptions = new JsonObject();
        if (gracePeriodSeconds >= 0) deleteOptions["gracePeriodSeconds"] = gracePeriodSeconds;
        return new JsonObject
        {
            ["kind"] = "Eviction",
            ["apiVersion"] = policyGroupVersion,
            ["metadata"] = new JsonObject { ["name"] = pod, ["namespace"] = ns },
            ["deleteOptions"] = deleteOptions,
        }.ToJsonString();
    }

    /// <summary>The delete query kubectl sends when it deletes instead of evicting.</summary>
    public static string DeleteQuery(int gracePeriodSeconds)
        => gracePeriodSeconds >= 0 ? "?gracePeriodSeconds=" + gracePeriodSeconds.ToString(CultureInfo.InvariantCulture) : "";
}
