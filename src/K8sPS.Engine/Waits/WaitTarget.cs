namespace K8sPS.Engine.Waits;

/// <summary>
/// The collection a wait watches and how messages name its objects.
/// </summary>
/// <param name="CollectionPath">The REST path of the objects' collection (in their namespace, if namespaced).</param>
/// <param name="Resource">kubectl's resource in messages: <c>deployments.apps</c>, <c>pods</c>.</param>
/// <param name="TypeName">kubectl's printed type: <c>deployment.apps</c>, <c>pod</c>.</param>
public sealed record WaitTarget(string Kind, string CollectionPath, string Resource, string TypeName, string? Namespace);
