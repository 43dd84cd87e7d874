using System.Management.Automation;
using K8sPS.Engine.Api;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Manifests;

namespace K8sPS.Infrastructure;

/// <summary>
/// Base of the manifest cmdlets: reads -Path (files, folders, wildcards, -Recurse) into documents, reporting
/// each unreadable file or document as its own error while the rest go on.
/// </summary>
public abstract class ManifestCmdlet : K8sCmdlet
{
    /// <summary>Files named by -Path: wildcards expanded by the provider, folders listed (recursively with -Recurse).</summary>
    protected Task<IReadOnlyList<string>> ResolveFilesAsync(string[] paths, bool literal, bool recurse) =>
        OnPipelineAsync(() => ManifestPaths.Resolve(this, paths, literal, recurse, WriteError, WriteVerbose));

    /// <summary>Reads files into documents; each file's problems become errors, the readable documents are returned.</summary>
    protected IReadOnlyList<ManifestDocument> ReadFiles(IEnumerable<string> files) =>
        ManifestPaths.Read(files, WriteErrorAsync, CancellationToken);

    /// <summary>A document-level failure (lint error, server refusal) as a non-terminating error about that document.</summary>
    protected void WriteDocumentError(K8sError error, ManifestDocument document, object? target)
    {
        var exception = new K8sException(error);
        var record = new ErrorRecord(exception, error.ErrorId, K8sErrorRecords.CategoryOf(error.Category), target ?? document.Display)
        {
            ErrorDetails = new ErrorDetails(error.FullMessage),
        };
        if (error.RecommendedAction is { } action) record.ErrorDetails.RecommendedAction = action;
        record.CategoryInfo.Reason = error.ErrorId;
        WriteErrorAsync(record);
    }

    /// <summary>The error kubectl gives for an object that is not there: deployments.apps "x" not found in namespace "y".</summary>
    protected static K8sException NotFound(ApiResource r, string name, string? ns) =>
        new(new K8sError("NotFound", K8sErrorCategory.NotFound, $"{r.QualifiedPlural} \"{name}\" not found{(ns is null ? "" : $" in namespace \"{ns}\"")}")
        { Kind = r.Kind, Name = name, Namespace = ns });

    /// <summary>The REST client for the context's cached connection (HTTP/1.1 unless K8SPS_HTTP2=1, for measuring).</summary>
    protected KubeRest Rest => _rest ??= new KubeRest(Connection.Client, Environment.GetEnvironmentVariable("K8SPS_HTTP2") == "1");
    private KubeRest? _rest;
}
