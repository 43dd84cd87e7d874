using System.Text.Json.Nodes;

namespace K8sPS.Engine.Manifests;

/// <summary>Where a manifest object came from: file (or null for text), document index (0-based) and 1-based line.</summary>
public sealed record ManifestSource(string? File, int DocumentIndex, int Line, int Column = 1)
{
    public string Display => $"{File ?? "<text>"}:{Line}";
    public override string ToString() => DocumentIndex > 0 ? $"{Display} (document {DocumentIndex + 1})" : Display;
}
