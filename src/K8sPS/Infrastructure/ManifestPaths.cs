using System.Management.Automation;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Manifests;

namespace K8sPS.Infrastructure;

/// <summary>
/// -Path handling shared by the manifest cmdlets: wildcards expanded by the PowerShell provider, folders
/// listed (recursively with -Recurse), files read into documents with one error per unreadable file or
/// document. Must run on the pipeline thread (session state lives there); writes go through the callbacks.
/// </summary>
internal static class ManifestPaths
{
    public static IReadOnlyList<string> Resolve(PSCmdlet cmdlet, string[] paths, bool literal, bool recurse,
        Action<ErrorRecord> writeError, Action<string> writeVerbose)
    {
        var resolved = new List<string>();
        foreach (var p in paths)
        {
            try
            {
                if (literal) resolved.Add(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(p));
                else resolved.AddRange(cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(p, out _));
            }
            catch (Exception e) when (e is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException)
            {
                writeError(PathNotFound(e.Message, p));
            }
        }

        var files = new List<string>();
        foreach (var path in resolved)
        {
            if (Directory.Exists(path))
            {
                var (inFolder, skipped) = ManifestFiles.InFolder(path, recurse);
                foreach (var s in skipped) writeVerbose($"skipped {s}: not a .yaml, .yml or .json file");
                files.AddRange(inFolder);
            }
            else if (File.Exists(path)) files.Add(path);
            else writeError(PathNotFound($"Cannot find path '{path}' because it does not exist.", path));
        }
        return files;
    }

    private static ErrorRecord PathNotFound(string message, string path) =>
        K8sErrorRecords.From(new K8sError("PathNotFound", K8sErrorCategory.NotFound, message), path);

    public static IReadOnlyList<ManifestDocument> Read(IEnumerable<string> files, Action<ErrorRecord> writeError, CancellationToken cancellationToken)
    {
        var docs = new List<ManifestDocument>();
        foreach (var f in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = ManifestReader.ReadFile(f);
            WriteReadErrors(result, writeError);
            docs.AddRange(result.Documents);
        }
        return docs;
    }

    /// <summary>Each file or document that could not be read, as a ParserError naming file, line and column.</summary>
    public static void WriteReadErrors(ManifestReadResult result, Action<ErrorRecord> writeError)
    {
        foreach (var e in result.Errors)
            writeError(K8sErrorRecords.From(new K8sError("InvalidManifest", K8sErrorCategory.ParseError, e.ToString()), e.File ?? "<text>"));
    }
}
