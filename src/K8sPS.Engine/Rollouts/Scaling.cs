using System.Globalization;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using K8sPS.Engine.Editing;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Rollouts;

/// <summary>
/// kubectl scale's preconditions: the replica count (--current-replicas) and resourceVersion
/// (--resource-version) the scale subresource must have before it is changed. Null means no check.
/// </summary>
public sealed record ScalePrecondition(int? CurrentReplicas = null, string? ResourceVersion = null)
{
    public bool IsEmpty => CurrentReplicas is null && string.IsNullOrEmpty(ResourceVersion);
}

/// <summary>
/// <c>kubectl scale</c> (pkg/scale): through the scale subresource of Deployments, ReplicaSets,
/// StatefulSets and ReplicationControllers. Without a precondition kubectl sends a merge patch
/// <c>{"spec":{"replicas":N}}</c>; with one it reads the Scale, checks it, and replaces it (so a concurrent
/// change is a conflict, retried by reading again).
/// </summary>
public static class Scaling
{
    /// <summary>The kinds with a scale subresource that this knows how to call.</summary>
    public static readonly IReadOnlyList<string> ScalableKinds = ["Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"];

    /// <summary>kubectl refuses a negative count before it sends anything.</summary>
    public static void ValidateReplicas(int replicas)
    {
        if (replicas < 0)
            throw new K8sException(new K8sError("InvalidReplicas", K8sErrorCategory.InvalidArgument,
                $"the replica count must be greater than or equal to 0, not {replicas.ToString(CultureInfo.InvariantCulture)}"));
    }

    /// <summary>The merge patch kubectl sends to the scale subresource when there is no precondition.</summary>
    public static PatchRequest Patch(int replicas)
    {
        ValidateReplicas(replicas);
        return new PatchRequest("{\"spec\":{\"replicas\":" + replicas.ToString(CultureInfo.InvariantCulture) + "}}", V1Patch.PatchType.MergePatch);
    }

    /// <summary>
    /// Checks the precondition against the Scale as read, with kubectl's message
    /// ("Expected replicas to be 3, was 2") and the object's name.
    /// </summary>
    public static void CheckPrecondition(V1Scale scale, ScalePrecondition precondition)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(precondition);
        var actual = scale.Spec?.Replicas ?? 0;
        if (precondition.CurrentReplicas is int expected && actual != expected)
            throw PreconditionFailed(scale, "replicas", expected.ToString(CultureInfo.InvariantCulture), actual.ToString(CultureInfo.InvariantCulture),
                "Pass the current replica count as -CurrentReplicas, or leave it out to scale whatever the count is.");
        if (!string.IsNullOrEmpty(precondition.ResourceVersion) && scale.Metadata?.ResourceVersion != precondition.ResourceVersion)
            throw PreconditionFailed(scale, "resource version", precondition.ResourceVersion, scale.Metadata?.ResourceVersion ?? "",
                "The object changed since that resourceVersion was read: read it again.");
    }

    /// <summary>A copy of the Scale asking for <paramref name="replicas"/>, to send back with its resourceVersion.</summary>
    public static V1Scale WithReplicas(V1Scale scale, int replicas)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ValidateReplicas(replicas);
        var copy = Workload.Clone(scale);
        copy.Spec ??= new V1ScaleSpec();
        copy.Spec.Replicas = replicas;
        return copy;
    }

    /// <summary>
    /// kubectl's wait after scale --timeout (scaleHasDesiredReplicas): done when the status has the desired
    /// count, or when someone else has since asked for a different count (then waiting is pointless).
    /// </summary>
    public static bool HasDesiredReplicas(V1Scale scale, int desired)
    {
        ArgumentNullException.ThrowIfNull(scale);
        var spec = scale.Spec?.Replicas ?? 0;
        if (spec != desired) return true;
        return scale.Status?.Replicas == desired;
    }

    /// <summary>Reads the scale subresource of a Deployment, ReplicaSet, StatefulSet or ReplicationController.</summary>
    public static Task<V1Scale> ReadScaleAsync(IKubernetes client, string kind, string name, string ns, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Canonical(kind) switch
        {
            "Deployment" => client.AppsV1.ReadNamespacedDeploymentScaleAsync(name, ns, cancellationToken: ct),
            "ReplicaSet" => client.AppsV1.ReadNamespacedReplicaSetScaleAsync(name, ns, cancellationToken: ct),
            "StatefulSet" => client.AppsV1.ReadNamespacedStatefulSetScaleAsync(name, ns, cancellationToken: ct),
            _ => client.CoreV1.ReadNamespacedReplicationControllerScaleAsync(name, ns, cancellationToken: ct),
        };
    }

    /// <summary>
    /// Scales as kubectl does: a merge patch when <paramref name="precondition"/> is null or empty; otherwise
    /// read, check, replace, and on a 409 Conflict read and check again (a few times). Returns the Scale the
    /// server answered with.
    /// </summary>
    public static async Task<V1Scale> ScaleAsync(IKubernetes client, string kind, string name, string ns, int replicas,
        ScalePrecondition? precondition = null, bool dryRun = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ValidateReplicas(replicas);
        var canonical = Canonical(kind);
        var dry = dryRun ? "All" : null;
        if (precondition is null || precondition.IsEmpty)
        {
            var patch = Patch(replicas).ToV1Patch();
            return canonical switch
            {
                "Deployment" => await client.AppsV1.PatchNamespacedDeploymentScaleAsync(patch, name, ns, dryRun: dry, cancellationToken: ct).ConfigureAwait(false),
                "ReplicaSet" => await client.AppsV1.PatchNamespacedReplicaSetScaleAsync(patch, name, ns, dryRun: dry, cancellationToken: ct).ConfigureAwait(false),
                "StatefulSet" => await client.AppsV1.PatchNamespacedStatefulSetScaleAsync(patch, name, ns, dryRun: dry, cancellationToken: ct).ConfigureAwait(false),
                _ => await client.CoreV1.PatchNamespacedReplicationControllerScaleAsync(patch, name, ns, dryRun: dry, cancellationToken: ct).ConfigureAwait(false),
            };
        }

        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            var scale = await ReadScaleAsync(client, canonical, name, ns, ct).ConfigureAwait(false);
            CheckPrecondition(scale, precondition);
            var body = WithReplicas(scale, replicas);
            try
            {
                return canonical switch
                {
                    "Deployment" => await client.AppsV1.ReplaceNamespacedDeploymentScaleAsync(body, name, ns, dryRun: dry, cancellationToken: ct).ConfigureAwait(false),
                    "ReplicaSet" => await client.AppsV1.ReplaceNamespacedReplicaSetScaleAsync(body, name, ns, dryRun: dry, cancellationToken: ct).ConfigureAwait(false),
                    "StatefulSet" => await client.AppsV1.ReplaceNamespacedStatefulSetScaleAsync(body, name, ns, dryRun: dry, cancellationToken: ct).ConfigureAwait(false),
                    _ => await client.CoreV1.ReplaceNamespacedReplicationControllerScaleAsync(body, name, ns, dryRun: dry, cancellationToken: ct).ConfigureAwait(false),
                };
            }
            catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Conflict && attempt < attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The kind's canonical name; kubectl's error for a kind without a scale subresource.</summary>
    public static string Canonical(string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return ScalableKinds.FirstOrDefault(k => string.Equals(k, kind, StringComparison.OrdinalIgnoreCase))
            ?? throw new K8sException(new K8sError("ScaleNotSupported", K8sErrorCategory.NotSupported,
                $"{kind} cannot be scaled here: scaling works on {string.Join(", ", ScalableKinds)}")
            {
                Kind = kind,
                RecommendedAction = "Scale a Deployment, ReplicaSet, StatefulSet or ReplicationController.",
            });
    }

    private static K8sException PreconditionFailed(V1Scale scale, string what, string expected, string actual, string action)
        => new(new K8sError("ScalePreconditionFailed", K8sErrorCategory.Conflict,
            $"Expected {what} to be {expected}, was {actual}{(scale.Metadata?.Name is { } n ? $" (scale of \"{n}\")" : "")}")
        {
            Name = scale.Metadata?.Name,
            Namespace = scale.Metadata?.NamespaceProperty,
            RecommendedAction = action,
        });
}
