using k8s.Models;

namespace K8sPS.Engine.Rollouts;

/// <summary>
/// A patch to send, exactly as kubectl would send it: the body as JSON text and how the server must read it.
/// Kept as text so a cmdlet can show it under -WhatIf/-Verbose and tests can compare it.
/// </summary>
public sealed record PatchRequest(string Json, V1Patch.PatchType Type)
{
    /// <summary>The body for KubernetesClient's Patch* calls (a string body is sent as it is).</summary>
    public V1Patch ToV1Patch() => new(Json, Type);

    /// <summary>The Content-Type that tells the server how to read the body, for the dynamic path (any kind).</summary>
    public string ContentType => Type switch
    {
        V1Patch.PatchType.MergePatch => "application/merge-patch+json",
        V1Patch.PatchType.StrategicMergePatch => "application/strategic-merge-patch+json",
        V1Patch.PatchType.JsonPatch => "application/json-patch+json",
        V1Patch.PatchType.ApplyPatch => "application/apply-patch+yaml",
        _ => throw new NotSupportedException($"patch type {Type}"),
    };

    public override string ToString() => $"{Type}: {Json}";
}
