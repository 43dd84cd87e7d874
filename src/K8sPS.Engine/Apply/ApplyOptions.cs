using System.Text.Json.Nodes;
using K8sPS.Engine.Resources;

namespace K8sPS.Engine.Apply;

/// <summary>How to apply: field manager, conflicts, dry run, namespaces, concurrency, stopping at the first failure.</summary>
public sealed class ApplyOptions
{
    public string FieldManager { get; init; } = "k8sps";
    /// <summary>Take over fields another manager owns (server-side apply force=true).</summary>
    public bool Force { get; init; }
    /// <summary>Server dry run: validated and admitted by the server, persisted nowhere.</summary>
    public bool DryRun { get; init; }
    /// <summary>-Namespace: for documents that name none. A document naming another namespace is an error, as in kubectl.</summary>
    public string? Namespace { get; init; }
    /// <summary>The context's namespace, used when neither the document nor -Namespace gives one.</summary>
    public string DefaultNamespace { get; init; } = "default";
    public int Concurrency { get; init; } = 16;
    /// <summary>Run lint first: errors stop the document, warnings go with the result.</summary>
    public bool Lint { get; init; } = true;
    /// <summary>
    /// -ErrorAction Stop: once any document has failed (lint included), nothing more is sent; the documents not sent
    /// have no result.
    /// </summary>
    public bool StopAtFirstFailure { get; init; }
}
