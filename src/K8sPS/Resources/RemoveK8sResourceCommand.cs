using System.Management.Automation;
using K8sPS.Completion;
using K8sPS.Engine.Api;
using K8sPS.Engine.Apply;
using K8sPS.Engine.Errors;
using K8sPS.Infrastructure;

namespace K8sPS.Resources;

/// <summary>
/// <para type="synopsis">Deletes objects of any kind: by kind and name (wildcards), by label selector, by manifest file, or piped in.</para>
/// <para type="description">Deletions are sent with bounded concurrency and do not wait for each object to go (kubectl delete -f
/// waits for each one in turn); -Wait waits for all of them at the end. Cascading is kubectl's default: dependents
/// are removed in the background.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "K8sResource", DefaultParameterSetName = KindSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveK8sResourceCommand : ManifestCmdlet
{
    private const string KindSet = "Kind";
    private const string ObjectSet = "InputObject";
    private readonly List<(string? ApiVersion, string Kind, string Name, string? Namespace, object Target)> _targets = [];

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = KindSet)]
    [Alias("Resource")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(KindCompleter))]
    public string Kind { get; set; } = "";

    /// <summary>Names; wildcards match among the listed objects.</summary>
    [Parameter(Position = 1, ParameterSetName = KindSet, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Label selector: deletes every object of the kind that matches.</summary>
    [Parameter(ParameterSetName = KindSet)]
    [Alias("l", "LabelSelector")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LabelCompleter))]
    public string? Selector { get; set; }

    /// <summary>Every object of the kind in the namespace.</summary>
    [Parameter(ParameterSetName = KindSet)]
    public SwitchParameter All { get; set; }

    /// <summary>Objects to delete: Get-K8sResource / Get-K8s* output, ConvertFrom-K8sYaml or ConvertFrom-Json output.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
    public PSObject? InputObject { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("n")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>Wait until every deleted object is gone (after all deletions are sent).</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>-Wait gives up after this many seconds.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>Background (kubectl's default), Foreground, or Orphan (dependents stay).</summary>
    [Parameter]
    [ValidateSet("Background", "Foreground", "Orphan")]
    public string Cascade { get; set; } = "Background";

    /// <summary>Requests in flight at once.</summary>
    [Parameter]
    [ValidateRange(1, Throttle.MaxLimit)]
    public int ThrottleLimit { get; set; } = Throttle.DefaultLimit;

    protected override async Task ProcessRecordAsync()
    {
        if (ReadsFiles)
        {
            foreach (var doc in (await ReadInputFilesAsync().ConfigureAwait(false)).SelectMany(d => d.Expand()))
            {
                if (doc.Kind is null || doc.Name is null)
                {
                    WriteDocumentError(new K8sError("IncompleteManifest", K8sErrorCategory.InvalidArgument, $"{doc.Source}: the document has no kind or name."), doc, doc.Source.ToString());
                    continue;
                }
                _targets.Add((doc.ApiVersion, doc.Kind, doc.Name, doc.Namespace, doc.Display));
            }
            return;
        }
        if (ParameterSetName == KindSet)
        {
            await ForItemAsync(Kind, CollectByKindAsync).ConfigureAwait(false);
            return;
        }
        if (InputObject is null) return;
        foreach (var r in K8sObjectReference.From(InputObject))
        {
            if (r.Kind is null)
            {
                WriteK8sError(new K8sException(new K8sError("KindRequired", K8sErrorCategory.InvalidArgument,
                    $"'{r.Name}' says nothing of its kind: use Remove-K8sResource -Kind <kind> -Name {r.Name}.") { Name = r.Name }), r.Source ?? r.Name);
                continue;
            }
            _targets.Add((r.ApiVersion, r.Kind, r.Name, r.Namespace, r.Source ?? r.Name));
        }
    }

    private async Task CollectByKindAsync()
    {
        var client = new ResourceClient(Rest);
        var resource = await client.ResolveAsync(Kind, CancellationToken).ConfigureAwait(false);
        var ns = resource.Namespaced ? ResolveNamespace(Namespace) : null;
        var names = Name ?? [];
        if (names.Length == 0 && Selector is null && !All)
            throw new K8sException(new K8sError("NothingSelected", K8sErrorCategory.InvalidArgument, "Say what to delete: -Name, -Selector or -All.") { Kind = resource.Kind });
        var exact = names.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)).ToList();
        var patterns = names.Where(WildcardPattern.ContainsWildcardCharacters).Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToList();
        foreach (var n in Selector is null ? exact : []) _targets.Add((resource.ApiVersion, resource.Kind, n, ns, n));
        if (patterns.Count > 0 || Selector is not null || All)
        {
            await foreach (var item in client.ListAsync(resource, ns, Selector, null, CancellationToken).ConfigureAwait(false))
            {
                var name = item["metadata"]?["name"]?.GetValue<string>() ?? "";
                var wanted = (patterns.Count == 0 && exact.Count == 0) || patterns.Any(p => p.IsMatch(name)) || (Selector is not null && exact.Contains(name));
                if (wanted) _targets.Add((resource.ApiVersion, resource.Kind, name, ns, name));
            }
        }
    }

    protected override async Task EndProcessingAsync()
    {
        if (_targets.Count == 0) return;
        var catalog = await ApiCatalog.GetAsync(Rest, CancellationToken).ConfigureAwait(false);
        var work = new List<DeleteTarget>();
        foreach (var t in _targets)
        {
            // The exact apiVersion when the target names one and the server serves it, else the kind's preferred version.
            var resource = (t.ApiVersion is null ? null : catalog.Find(t.ApiVersion, t.Kind)) ?? catalog.Resolve(t.Kind);
            if (resource is null)
            {
                WriteK8sError(new K8sException(new K8sError("KindNotServed", K8sErrorCategory.NotSupported,
                    $"The server does not serve kind {t.Kind}{(t.ApiVersion is null ? "" : " in " + t.ApiVersion)}.") { Kind = t.Kind, Name = t.Name }), t.Target);
                continue;
            }
            work.Add(new DeleteTarget(resource, resource.Namespaced ? ResolveNamespace(t.Namespace ?? Namespace) : null, t.Name, t.Target));
        }
        var answers = await ShouldProcessEachAsync(work.Select(t => t.Display + (t.Namespace is null ? "" : $" in namespace {t.Namespace}")), "Delete").ConfigureAwait(false);
        work = work.Where((_, i) => answers[i]).ToList();
        if (work.Count == 0) return;
        // The deletes run concurrently; what they say is written in input order, as each earlier one is known. Under
        // -ErrorAction Stop nothing more is started after a failure, and everything is written at the end, so the error
        // that ends the command can say which objects after it were deleted.
        var position = new Dictionary<DeleteTarget, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < work.Count; i++) position[work[i]] = i;
        var known = new Dictionary<int, DeleteResult>();
        var held = new List<(int At, DeleteResult Result)>();
        var next = 0;
        var gate = new object();
        await new ResourceDeleter(Rest).DeleteAsync(work, Cascade, ThrottleLimit, Wait ? TimeSpan.FromSeconds(TimeoutSeconds) : null, r =>
        {
            lock (gate)
            {
                var at = position[r.Target];
                if (StopsAtFirstError) { held.Add((at, r)); return; }
                if (at < next) { Report(r); return; } // a second word on one already reported: not gone in time
                known[at] = r;
                while (known.Remove(next, out var ready)) { Report(ready); next++; }
            }
        }, CancellationToken, stopAtFirstFailure: StopsAtFirstError).ConfigureAwait(false);
        var inOrder = held.OrderBy(h => h.At).Select(h => h.Result).ToList(); // stable: a second word stays after the first
        for (var at = 0; at < inOrder.Count; at++)
        {
            if (inOrder[at].Error is null) { Report(inOrder[at]); continue; }
            // This error ends the command (a failed connection's, if there is one, says more).
            var ending = inOrder.FirstOrDefault(r => r.Error?.IsConnectionFailure == true) ?? inOrder[at];
            var after = inOrder.Skip(at + 1).Where(r => r != ending && r.Error?.ErrorId != "NotSent").ToList();
            WriteWarningAsync(StopWarning.Text(ending.Target.Display, "object",
                after.Select(r => $"{r.Target.Display} ({(r.Error is null ? "deleted" : "failed: " + r.Error.ErrorId)})").ToList()));
            WriteFailure(ending);
            return;
        }
        // A failed connection ends the command: its error comes last, after every other object's.
        if (_connectionFailure is { } failed) WriteFailure(failed);
    }

    private DeleteResult? _connectionFailure; // the first failed connection, held so its terminating error comes last

    private void Report(DeleteResult r)
    {
        if (r.Error is { IsConnectionFailure: true }) _connectionFailure = r;
        else if (r.Error is not null) WriteFailure(r);
        else WriteVerboseAsync($"{r.Target.Resource.QualifiedKind} \"{r.Target.Name}\" deleted");
    }

    private void WriteFailure(DeleteResult r) =>
        WriteK8sError(new K8sException(r.Error!), r.Target.Source, r.Target.Resource.Kind, r.Target.Name, r.Target.Namespace);
}
