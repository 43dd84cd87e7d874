using System.Management.Automation;
using K8sPS.Engine.Apply;
using K8sPS.Engine.Lint;
using K8sPS.Engine.Manifests;
using K8sPS.Engine.Resources;
using K8sPS.Infrastructure;
using K8sPS.Objects;

namespace K8sPS.Resources;

/// <summary>
/// <para type="synopsis">Applies manifests as `kubectl apply` does, with server-side apply: creates what is missing, updates what differs.</para>
/// <para type="description">Set is PowerShell's verb for "make it so, creating it if needed", which is what apply means; a kubectl
/// user will type Apply-K8sManifest, which is an alias.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "K8sResource", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[Alias("Apply-K8sManifest", "Apply-K8sResource")]
[OutputType(typeof(ApplyResult))]
public sealed class SetK8sResourceCommand : ManifestCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private const string ObjectSet = "InputObject";
    private readonly List<(ManifestDocument Document, object? Target)> _documents = [];
    private bool _whatIf;

    /// <summary>Files, folders (their .yaml, .yml and .json files) and wildcards, several at once.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [Alias("f", "Filename")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet)]
    [Alias("R")]
    public SwitchParameter Recurse { get; set; }

    /// <summary>Objects to apply: K8sPS objects, ConvertFrom-K8sYaml output, `kubectl get -o json | ConvertFrom-Json` output.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
    public PSObject? InputObject { get; set; }

    /// <summary>Namespace for documents that name none (default: the context's). A document naming another one is an error.</summary>
    [Parameter]
    [Alias("n")]
    [ValidateNotNullOrEmpty]
    public string? Namespace { get; set; }

    /// <summary>Take over fields that another field manager (kubectl, a controller) owns, instead of failing with a conflict.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>The server-side apply field manager; default k8sps.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string FieldManager { get; set; } = "k8sps";

    /// <summary>Requests in flight at once; default 16.</summary>
    [Parameter]
    [ValidateRange(1, 128)]
    public int ThrottleLimit { get; set; } = 16;

    /// <summary>Send documents without K8sPS's checks (the server still validates): for fields newer or older than the client's API types.</summary>
    [Parameter]
    public SwitchParameter SkipLint { get; set; }

    protected override async Task BeginProcessingAsync()
    {
        _whatIf = await OnPipelineAsync(() =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) ? ((SwitchParameter)w).IsPresent
                : GetVariableValue("WhatIfPreference") is { } p && LanguagePrimitives.IsTrue(p)).ConfigureAwait(false);
    }

    protected override async Task ProcessRecordAsync()
    {
        if (ParameterSetName == ObjectSet)
        {
            if (InputObject is null) return;
            try { _documents.Add((ManifestObjects.ToDocument(InputObject), InputObject)); }
            catch (Exception e) when (e is ArgumentException or System.Text.Json.JsonException)
            {
                WriteErrorAsync(new ErrorRecord(e, "NotConvertible", ErrorCategory.InvalidData, InputObject));
            }
            return;
        }
        var literal = ParameterSetName == LiteralPathSet;
        var files = await ResolveFilesAsync(literal ? LiteralPath : Path, literal, Recurse).ConfigureAwait(false);
        foreach (var doc in ReadFiles(files)) _documents.Add((doc, null));
    }

    protected override async Task EndProcessingAsync()
    {
        if (_documents.Count == 0) return;
        var targets = new Dictionary<object, object?>(ReferenceEqualityComparer.Instance);
        foreach (var (doc, target) in _documents) targets[doc] = target;
        var selected = new List<ManifestDocument>();
        foreach (var (doc, _) in _documents)
        {
            // -WhatIf is answered after the server's dry run below, with what would actually happen.
            if (_whatIf || await ShouldProcessAsync(Describe(doc), "Apply").ConfigureAwait(false)) selected.Add(doc);
        }
        if (selected.Count == 0) return;

        var options = new ApplyOptions
        {
            FieldManager = FieldManager, Force = Force, DryRun = _whatIf, Namespace = Namespace,
            DefaultNamespace = Connection.Namespace, Concurrency = ThrottleLimit, Lint = !SkipLint,
        };
        var done = 0;
        var progress = new ProgressRecord(1, "Applying manifests", $"0 of {selected.Count}");
        var results = await new ManifestApplier(Rest).ApplyAsync(selected, options, _ =>
        {
            var n = Interlocked.Increment(ref done);
            if (selected.Count >= 20 && n % 25 == 0)
            {
                var record = new ProgressRecord(1, "Applying manifests", $"{n} of {selected.Count}") { PercentComplete = 100 * n / selected.Count };
                WriteProgressAsync(record);
            }
        }, CancellationToken).ConfigureAwait(false);
        if (selected.Count >= 20) WriteProgressAsync(new ProgressRecord(1, "Applying manifests", "done") { RecordType = ProgressRecordType.Completed });

        foreach (var result in results)
        {
            var target = FindTarget(targets, result.Document);
            foreach (var issue in result.Issues.Where(i => i.Severity == IssueSeverity.Warning)) WriteWarningAsync(issue.ToString());
            if (result.Error is not null)
            {
                WriteDocumentError(result.Error, result.Document, target);
                continue;
            }
            if (_whatIf)
            {
                // Prints "What if: Performing the operation "Apply (server dry run: configured)" on target ...", or for an
                // object of a kind whose CRD comes in the same input, "Apply (created; the server could not dry-run it: ...)".
                var action = result.Action.ToString().ToLowerInvariant();
                await ShouldProcessAsync(Target(result), result.Note is null ? $"Apply (server dry run: {action})" : $"Apply ({action}; {result.Note})").ConfigureAwait(false);
                continue;
            }
            WriteObjectAsync(result);
        }
    }

    private static object? FindTarget(Dictionary<object, object?> targets, ManifestDocument doc) =>
        targets.TryGetValue(doc, out var t) ? t : null;

    private static string Describe(ManifestDocument doc) =>
        doc.Source.File is null ? doc.Display : $"{doc.Display} ({doc.Source})";

    private static string Target(ApplyResult r) =>
        r.Namespace is null ? r.Target : $"{r.Target} in namespace {r.Namespace}";
}
