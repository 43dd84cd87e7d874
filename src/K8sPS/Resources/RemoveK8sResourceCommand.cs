using System.Management.Automation;
using K8sPS.Engine.Api;
using K8sPS.Engine.Apply;
using K8sPS.Engine.Concurrency;
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
    private const string PathSet = "Path";
    private const string ObjectSet = "InputObject";
    private readonly List<(string? ApiVersion, string Kind, string Name, string? Namespace, object Target)> _targets = [];

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = KindSet)]
    [Alias("Resource")]
    [ValidateNotNullOrEmpty]
    public string Kind { get; set; } = "";

    /// <summary>Names; wildcards match among the listed objects.</summary>
    [Parameter(Position = 1, ParameterSetName = KindSet, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Label selector: deletes every object of the kind that matches.</summary>
    [Parameter(ParameterSetName = KindSet)]
    [Alias("l", "LabelSelector")]
    [ValidateNotNullOrEmpty]
    public string? Selector { get; set; }

    /// <summary>Every object of the kind in the namespace.</summary>
    [Parameter(ParameterSetName = KindSet)]
    public SwitchParameter All { get; set; }

    /// <summary>The objects these manifest files describe (files, folders, wildcards).</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [SupportsWildcards]
    [Alias("f", "Filename")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    [Parameter(ParameterSetName = PathSet)]
    public SwitchParameter Recurse { get; set; }

    /// <summary>Objects to delete: Get-K8sResource / Get-K8s* output, ConvertFrom-K8sYaml or ConvertFrom-Json output.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
    public PSObject? InputObject { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("n")]
    [ValidateNotNullOrEmpty]
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

    /// <summary>Requests in flight at once; default 16.</summary>
    [Parameter]
    [ValidateRange(1, 128)]
    public int ThrottleLimit { get; set; } = 16;

    protected override async Task ProcessRecordAsync()
    {
        switch (ParameterSetName)
        {
            case ObjectSet when InputObject is not null:
                foreach (var r in K8sObjectReference.From(InputObject))
                {
                    if (r.Kind is null)
                    {
                        WriteErrorAsync(new ErrorRecord(new ArgumentException($"'{r.Name}' says nothing of its kind: use Remove-K8sResource -Kind <kind> -Name {r.Name}."),
                            "KindRequired", ErrorCategory.InvalidArgument, r.Source ?? r.Name));
                        continue;
                    }
                    _targets.Add((r.ApiVersion, r.Kind, r.Name, r.Namespace, r.Source ?? r.Name));
                }
                break;
            case PathSet:
                var files = await ResolveFilesAsync(Path, false, Recurse).ConfigureAwait(false);
                foreach (var doc in ReadFiles(files).SelectMany(d => d.Expand()))
                {
                    if (doc.Kind is null || doc.Name is null)
                    {
                        WriteDocumentError(new K8sError("InvalidManifest", K8sErrorCategory.InvalidArgument, $"{doc.Source}: the document has no kind or name."), doc, doc.Source.ToString());
                        continue;
                    }
                    _targets.Add((doc.ApiVersion, doc.Kind, doc.Name, doc.Namespace, doc.Display));
                }
                break;
            case KindSet:
                await CollectByKindAsync().ConfigureAwait(false);
                break;
        }
    }

    private async Task CollectByKindAsync()
    {
        var client = new ResourceClient(Rest);
        ApiResource resource;
        try { resource = await client.ResolveAsync(Kind, CancellationToken).ConfigureAwait(false); }
        catch (K8sException e) { WriteK8sError(e, Kind); return; }
        var ns = resource.Namespaced ? ResolveNamespace(Namespace) : null;
        var names = Name ?? [];
        if (names.Length == 0 && Selector is null && !All)
        {
            WriteErrorAsync(new ErrorRecord(new ArgumentException("Say what to delete: -Name, -Selector or -All."), "NothingSelected", ErrorCategory.InvalidArgument, Kind));
            return;
        }
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
        var client = new ResourceClient(Rest);
        var catalog = await ApiCatalog.GetAsync(Rest, CancellationToken).ConfigureAwait(false);
        var work = new List<(ApiResource Resource, string? Ns, string Name, object Target)>();
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
            var ns = resource.Namespaced ? ResolveNamespace(t.Namespace ?? Namespace) : null;
            var description = $"{resource.QualifiedKind}/{t.Name}" + (ns is null ? "" : $" in namespace {ns}");
            if (await ShouldProcessAsync(description, "Delete").ConfigureAwait(false)) work.Add((resource, ns, t.Name, t.Target));
        }

        var deleted = new System.Collections.Concurrent.ConcurrentBag<(ApiResource, string?, string)>();
        // Objects first, then the namespaces and CRDs that hold them (the reverse of apply's order).
        foreach (var tier in work.GroupBy(w => ManifestApplier.HoldsOthers(w.Resource.Kind)).OrderBy(g => g.Key))
            ThrowFirst(await BoundedRunner<(ApiResource Resource, string? Ns, string Name, object Target)>.RunAllAsync(tier, ThrottleLimit, DeleteOneAsync, CancellationToken).ConfigureAwait(false));
        // Deleted CRDs take their kinds with them: the cached discovery would still offer them.
        if (deleted.Any(d => d.Item1.Kind == "CustomResourceDefinition")) ApiCatalog.Invalidate(Rest);

        if (!Wait) return;
        ThrowFirst(await BoundedRunner<(ApiResource, string?, string)>.RunAllAsync(deleted, ThrottleLimit, async (d, ct) =>
        {
            try { await client.WaitDeletedAsync(d.Item1, d.Item2, d.Item3, null, TimeSpan.FromSeconds(TimeoutSeconds), ct).ConfigureAwait(false); }
            catch (K8sException e) { WriteK8sError(e, d.Item3, d.Item1.Kind, d.Item3, d.Item2); }
        }, CancellationToken).ConfigureAwait(false));

        // Per-object failures are written as errors inside the work; what is left (cancellation) ends the command.
        static void ThrowFirst<T>(IReadOnlyList<Outcome<T>> outcomes)
        {
            if (outcomes.FirstOrDefault(o => o.Error is not null).Error is { } e)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e);
        }

        async Task DeleteOneAsync((ApiResource Resource, string? Ns, string Name, object Target) w, CancellationToken ct)
        {
            try
            {
                if (await client.DeleteAsync(w.Resource, w.Ns, w.Name, dryRun: false, Cascade, ct).ConfigureAwait(false))
                {
                    deleted.Add((w.Resource, w.Ns, w.Name));
                    WriteVerboseAsync($"{w.Resource.QualifiedKind} \"{w.Name}\" deleted");
                }
                else WriteK8sError(NotFound(w.Resource, w.Name, w.Ns), w.Target, w.Resource.Kind, w.Name, w.Ns);
            }
            catch (Exception e) when (e is not OperationCanceledException || !CancellationToken.IsCancellationRequested)
            {
                WriteK8sError(e, w.Target, w.Resource.Kind, w.Name, w.Ns);
            }
        }
    }
}
