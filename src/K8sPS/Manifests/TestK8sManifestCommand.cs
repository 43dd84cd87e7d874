using System.Management.Automation;
using K8sPS.Engine.Api;
using K8sPS.Engine.Lint;
using K8sPS.Engine.Manifests;
using K8sPS.Infrastructure;
using K8sPS.Objects;

namespace K8sPS.Manifests;

/// <summary>
/// <para type="synopsis">Checks manifests for the mistakes kubectl misses or explains badly, with file, line, field and fix.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "K8sManifest", DefaultParameterSetName = PathSet)]
[OutputType(typeof(ManifestIssue), typeof(bool))]
public sealed class TestK8sManifestCommand : ManifestCmdlet
{
    private const string ObjectSet = "InputObject";
    private readonly ManifestLinter _linter = new();
    private Task<IApiCatalog?>? _catalog;
    private int _errors;

    /// <summary>Objects to check: ConvertFrom-K8sYaml output (lines kept), K8sPS objects, ConvertFrom-Json output.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
    public PSObject? InputObject { get; set; }

    /// <summary>Also check kinds and versions against the server of the current context (as -Context does for a named one).</summary>
    [Parameter]
    public SwitchParameter Online { get; set; }

    /// <summary>Return only $true (no errors) or $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        var catalog = await (_catalog ??= LoadCatalogAsync()).ConfigureAwait(false);
        IEnumerable<ManifestDocument> docs;
        if (ParameterSetName == ObjectSet)
        {
            if (InputObject is null) return;
            docs = [ManifestObjects.ToDocument(InputObject)];
        }
        else
        {
            var literal = ParameterSetName == LiteralPathSet;
            var files = await OnPipelineAsync(() => ManifestPaths.Resolve(this, literal ? LiteralPath : Path, literal, Recurse, WriteError, WriteVerbose)).ConfigureAwait(false);
            var list = new List<ManifestDocument>();
            foreach (var f in files)
            {
                var read = ManifestReader.ReadFile(f);
                // Unreadable YAML is an issue like any other here: the point of Test- is to list them all.
                foreach (var e in read.Errors)
                {
                    _errors++;
                    if (!Quiet) WriteObjectAsync(new ManifestIssue("K8S000", IssueSeverity.Error, e.File, e.Line, null, "", e.Message, e.Hint));
                }
                list.AddRange(read.Documents);
            }
            docs = list;
        }
        var expanded = docs.SelectMany(d => d.Expand()).ToList();
        // Kinds that CRDs of the same input define are accepted, as apply will create those CRDs first.
        if (catalog is not null)
        {
            catalog = DefinedKinds.Over(catalog, expanded);
            _catalog = Task.FromResult<IApiCatalog?>(catalog);
        }
        foreach (var doc in expanded)
        {
            foreach (var issue in _linter.Lint(doc, catalog))
            {
                if (issue.Severity == IssueSeverity.Error) _errors++;
                if (!Quiet) WriteObjectAsync(issue);
            }
        }
    }

    protected override Task EndProcessingAsync()
    {
        if (Quiet) WriteObjectAsync(_errors == 0);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The server's API surface with -Online or -Context, read once per invocation and fresh: a check
    /// against the server must see CRDs created or deleted a moment ago. Offline: none.
    /// </summary>
    private async Task<IApiCatalog?> LoadCatalogAsync() =>
        Online || MyInvocation.BoundParameters.ContainsKey(nameof(Context))
            ? await ApiCatalog.GetAsync(Rest, CancellationToken, refresh: true).ConfigureAwait(false)
            : null;
}
