using System.Text.Json.Nodes;
using K8sPS.Engine.Api;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Lint;
using K8sPS.Engine.Manifests;
using K8sPS.Engine.Resources;

namespace K8sPS.Engine.Apply;

/// <summary>What happened to one document: created / configured / unchanged as kubectl says, or why it failed.</summary>
public sealed class ApplyResult
{
    public required ManifestDocument Document { get; init; }
    public ApplyAction Action { get; init; }
    public ApiResource? Resource { get; init; }
    public string? Namespace { get; init; }
    /// <summary>The object as the server returned it.</summary>
    public JsonObject? Object { get; init; }
    public K8sError? Error { get; init; }
    public IReadOnlyList<ManifestIssue> Issues { get; init; } = [];
    public bool DryRun { get; init; }
    /// <summary>Why the server did not judge this result, when it did not (a dry run of an object whose CRD does not exist yet).</summary>
    public string? Note { get; init; }
    /// <summary>
    /// What K8sPS did differently from a plain server-side apply for this document, to work around a defect of this
    /// server (one sentence each, with the file and line): the cmdlet writes them with -Verbose.
    /// </summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public string Kind => Document.Kind ?? "";
    public string Name => Document.Name ?? "";

    /// <summary>"deployment.apps/web" as kubectl prints it.</summary>
    public string Target => $"{Resource?.QualifiedKind ?? Kind.ToLowerInvariant()}/{Name}";

    public string ActionText => Action.ToString().ToLowerInvariant() + (Note is not null ? $" ({Note})" : DryRun ? " (server dry run)" : "");

    /// <summary>Where the document came from and, on failure, the line of each field the server complained about.</summary>
    public string Describe() => Error is null ? $"{Target} {ActionText}" : $"{Target}: {Error.FullMessage}";

    public override string ToString() => Describe();
}
