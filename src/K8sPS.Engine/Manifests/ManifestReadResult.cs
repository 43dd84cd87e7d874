using System.Text.Json.Nodes;

namespace K8sPS.Engine.Manifests;

/// <summary>Documents read from one source, plus whatever could not be read.</summary>
public sealed record ManifestReadResult(IReadOnlyList<ManifestDocument> Documents, IReadOnlyList<ManifestReadError> Errors);
