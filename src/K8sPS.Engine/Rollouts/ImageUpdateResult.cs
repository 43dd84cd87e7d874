using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Rollouts;

/// <summary>What <see cref="ImageUpdate.Apply{T}"/> made of a workload.</summary>
public sealed class ImageUpdateResult<T> where T : class
{
    internal ImageUpdateResult(T updated, V1PodSpec podSpec, IReadOnlyList<ContainerImageChange> changes, bool changeCauseChanged,
        IReadOnlyList<string> notFound, K8sError? notFoundError, PatchRequest? patch)
    {
        Updated = updated;
        PodSpec = podSpec;
        Changes = changes;
        ChangeCauseChanged = changeCauseChanged;
        NotFound = notFound;
        NotFoundError = notFoundError;
        Patch = patch;
    }

    /// <summary>A copy of the object with the new images (and change-cause); the input is left alone.</summary>
    public T Updated { get; }
    /// <summary>The pod spec inside <see cref="Updated"/> that was edited.</summary>
    public V1PodSpec PodSpec { get; }
    /// <summary>The pod template inside <see cref="Updated"/>; null for a bare Pod.</summary>
    public V1PodTemplateSpec? Template => Workload.Template(Updated);
    /// <summary>Containers whose image actually changed (a container already at that image is not listed).</summary>
    public IReadOnlyList<ContainerImageChange> Changes { get; }
    public bool ChangeCauseChanged { get; }
    /// <summary>True when there is something to send; kubectl sends nothing (and prints nothing) otherwise.</summary>
    public bool Changed => Changes.Count > 0 || ChangeCauseChanged;
    /// <summary>Container names asked for that the object does not have.</summary>
    public IReadOnlyList<string> NotFound { get; }
    /// <summary>
    /// The error for <see cref="NotFound"/>, or null. kubectl reports it but still patches the containers it
    /// did find; the caller decides whether to do the same.
    /// </summary>
    public K8sError? NotFoundError { get; }
    /// <summary>kubectl's strategic merge patch for the change, or null when nothing changed.</summary>
    public PatchRequest? Patch { get; }
}
