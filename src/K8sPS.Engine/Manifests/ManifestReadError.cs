using System.Text.Json.Nodes;

namespace K8sPS.Engine.Manifests;

/// <summary>A problem with a file or document that stopped it from being read.</summary>
public sealed record ManifestReadError(string? File, int Line, int Column, string Message, string? Hint = null)
{
    public override string ToString() =>
        $"{File ?? "<text>"}{(Line > 0 ? $":{Line}:{Column}" : "")}: {Message}{(Hint is null ? "" : " " + Hint)}";
}
