using System.Management.Automation;
using K8sPS.Completion;
using K8sPS.Engine.Apply;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Lint;
using K8sPS.Engine.Manifests;
using K8sPS.Engine.Resources;
using K8sPS.Engine.Secrets;
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
    private const string ObjectSet = "InputObject";
    private readonly List<(ManifestDocument Document, object? Target)> _documents = [];

    /// <summary>Objects to apply: K8sPS objects, ConvertFrom-K8sYaml output, `kubectl get -o json | ConvertFrom-Json` output.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
    public PSObject? InputObject { get; set; }

    /// <summary>Namespace for documents that name none (default: the context's). A document naming another one is an error.</summary>
    [Parameter]
    [Alias("n")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>Take over fields that another field manager (kubectl, a controller) owns, instead of failing with a conflict.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>The server-side apply field manager; default k8sps.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string FieldManager { get; set; } = "k8sps";

    /// <summary>Requests in flight at once.</summary>
    [Parameter]
    [ValidateRange(1, Throttle.MaxLimit)]
    public int ThrottleLimit { get; set; } = Throttle.DefaultLimit;

    /// <summary>Send documents without K8sPS's checks (the server still validates): for fields newer or older than the client's API types.</summary>
    [Parameter]
    public SwitchParameter SkipLint { get; set; }

    protected override async Task ProcessRecordAsync()
    {
        if (ReadsFiles)
        {
            foreach (var doc in await ReadInputFilesAsync().ConfigureAwait(false)) _documents.Add((doc, null));
            return;
        }
        if (InputObject is null) return;
        try { _documents.Add((ManifestObjects.ToDocument(InputObject), InputObject)); }
        catch (Exception e) when (e is ArgumentException or System.Text.Json.JsonException)
        {
            WriteK8sError(new K8sException(new K8sError("NotConvertible", K8sErrorCategory.InvalidArgument, $"Cannot convert the input to a Kubernetes object: {e.Message}"), e), InputObject);
        }
    }

    protected override async Task EndProcessingAsync()
    {
        if (_documents.Count == 0) return;
        var targets = new Dictionary<object, object?>(ReferenceEqualityComparer.Instance);
        foreach (var (doc, target) in _documents) targets[doc] = target;
        // PowerShell's reason for the first answer says whether this is -WhatIf (or $WhatIfPreference): then every
        // document goes to the server as a dry run, and the answer for each is the server's verdict, shown below.
        var (first, whatIf) = await ShouldProcessWithReasonAsync(Describe(_documents[0].Document), "Apply").ConfigureAwait(false);
        var selected = new List<ManifestDocument>();
        if (whatIf) selected.AddRange(_documents.Select(d => d.Document));
        else
        {
            if (first) selected.Add(_documents[0].Document);
            var rest = _documents.Skip(1).Select(d => d.Document).ToList();
            var answers = await ShouldProcessEachAsync(rest.Select(Describe), "Apply").ConfigureAwait(false);
            selected.AddRange(rest.Where((_, i) => answers[i]));
        }
        if (selected.Count == 0) return;

        var options = new ApplyOptions
        {
            FieldManager = FieldManager, Force = Force, DryRun = whatIf, Namespace = Namespace,
            DefaultNamespace = Connection.Namespace, Concurrency = ThrottleLimit, Lint = !SkipLint, StopAtFirstFailure = StopsAtFirstError,
        };
        var done = 0;
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

        // A failed connection ends the command: its error comes last, after every other document's result.
        var connectionFailure = results.FirstOrDefault(r => r.Error?.IsConnectionFailure == true);
        for (var at = 0; at < results.Count; at++)
        {
            var result = results[at];
            var target = FindTarget(targets, result.Document);
            foreach (var issue in result.Issues.Where(i => i.Severity == IssueSeverity.Warning)) WriteWarningAsync(issue.ToString());
            // What was done differently from a plain server-side apply, to get past this server's defects.
            foreach (var note in result.Notes) WriteVerboseAsync(note);
            if (result.Error is not null && StopsAtFirstError)
            {
                // -ErrorAction Stop: this error ends the command (a failed connection's, if there is one, says more).
                var ending = connectionFailure ?? result;
                WarnNotReported(ending, results.Skip(at + 1).Where(r => r != ending && r.Error?.ErrorId != "NotSent").ToList());
                WriteDocumentError(ending.Error!, ending.Document, FindTarget(targets, ending.Document));
                return;
            }
            if (result.Error is not null && result != connectionFailure) WriteDocumentError(result.Error, result.Document, target);
            if (result.Error is not null) continue;
            if (whatIf)
            {
                // Prints "What if: Performing the operation "Apply (server dry run: configured)" on target ...", or for an
                // object of a kind whose CRD comes in the same input, "Apply (created; the server could not dry-run it: ...)".
                var action = result.Action.ToString().ToLowerInvariant();
                await ShouldProcessAsync(Target(result), result.Note is null ? $"Apply (server dry run: {action})" : $"Apply ({action}; {result.Note})").ConfigureAwait(false);
                continue;
            }
            WriteObjectAsync(result.Kind == "Secret" ? Masked(result) : result);
        }
        if (connectionFailure is not null) WriteDocumentError(connectionFailure.Error!, connectionFailure.Document, FindTarget(targets, connectionFailure.Document));
    }

    /// <summary>Under -ErrorAction Stop, before the error that ends the command: the documents after it that were sent, and what became of them.</summary>
    private void WarnNotReported(ApplyResult failed, List<ApplyResult> sent) =>
        WriteWarningAsync(StopWarning.Text(failed.Document.Display, "document",
            sent.Select(r => $"{r.Document.Display} ({(r.Error is null ? r.Action.ToString().ToLowerInvariant() : "failed: " + r.Error.ErrorId)})").ToList()));

    /// <summary>An apply result of a Secret carries no value (the object a Secret cmdlet emits holds none): data and stringData masked.</summary>
    private static ApplyResult Masked(ApplyResult r) => new()
    {
        Document = r.Document.WithContent(Engine.Secrets.SecretMasking.Mask(r.Document.Content)),
        Action = r.Action,
        Resource = r.Resource,
        Namespace = r.Namespace,
        Object = Engine.Secrets.SecretMasking.Mask(r.Object) as System.Text.Json.Nodes.JsonObject,
        Error = r.Error,
        Issues = r.Issues,
        DryRun = r.DryRun,
        Note = r.Note,
    };

    private static object? FindTarget(Dictionary<object, object?> targets, ManifestDocument doc) =>
        targets.TryGetValue(doc, out var t) ? t : null;

    private static string Describe(ManifestDocument doc) =>
        doc.Source.File is null ? doc.Display : $"{doc.Display} ({doc.Source})";

    private static string Target(ApplyResult r) =>
        r.Namespace is null ? r.Target : $"{r.Target} in namespace {r.Namespace}";
}
