using K8sPS.Engine.Api;
using K8sPS.Engine.Errors;

namespace K8sPS.Engine.Apply;

/// <summary>One object to delete; <see cref="Source"/> is what the caller named it by (the target of its error).</summary>
public sealed record DeleteTarget(ApiResource Resource, string? Namespace, string Name, object? Source)
{
    /// <summary>"deployment.apps/web" as kubectl prints it.</summary>
    public string Display => $"{Resource.QualifiedKind}/{Name}";
}

/// <summary>What happened to one target: deleted (and, with a wait, gone), or why not.</summary>
public sealed record DeleteResult(DeleteTarget Target, bool Deleted, K8sError? Error);
