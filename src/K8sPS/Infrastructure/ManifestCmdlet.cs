using System.Management.Automation;
using K8sPS.Engine.Api;
using K8sPS.Engine.Connection;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Manifests;

namespace K8sPS.Infrastructure;

/// <summary>
/// Base of the cluster cmdlets that read manifest files: -Path (files, folders, wildcards) and -LiteralPath, with
/// -Recurse, in parameter sets of those names; read into documents, each unreadable file or document its own error
/// while the rest go on.
/// </summary>
public abstract class ManifestCmdlet : K8sCmdlet
{
    protected const string PathSet = "Path";
    protected const string LiteralPathSet = "LiteralPath";

    /// <summary>Files, folders (their .yaml, .yml and .json files) and wildcards, several at once.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [Alias("f", "Filename")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>Files and folders taken as written: no wildcard expansion.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>Folders: read the files of subfolders too.</summary>
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    [Alias("R")]
    public SwitchParameter Recurse { get; set; }

    /// <summary>True when this invocation reads files (-Path or -LiteralPath).</summary>
    protected bool ReadsFiles => ParameterSetName is PathSet or LiteralPathSet;

    /// <summary>The documents of the files named by -Path or -LiteralPath; every problem with a file is its own error.</summary>
    protected async Task<IReadOnlyList<ManifestDocument>> ReadInputFilesAsync()
    {
        var literal = ParameterSetName == LiteralPathSet;
        var files = await OnPipelineAsync(() => ManifestPaths.Resolve(this, literal ? LiteralPath : Path, literal, Recurse, WriteError, WriteVerbose)).ConfigureAwait(false);
        return ManifestPaths.Read(files, WriteErrorAsync, CancellationToken);
    }

    /// <summary>A document-level failure (lint error, server refusal) as a non-terminating error about that document.</summary>
    protected void WriteDocumentError(K8sError error, ManifestDocument document, object? target)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(document);
        WriteK8sError(new K8sException(error), target ?? document.Display);
    }

    /// <summary>The error kubectl gives for an object that is not there: deployments.apps "x" not found in namespace "y".</summary>
    protected static K8sException NotFound(ApiResource r, string name, string? ns) => new(ResourceClient.NotFound(r, name, ns));

    /// <summary>The raw REST client of the context's connection.</summary>
    protected Engine.Connection.KubeRest Rest => Connection.Rest;
}
