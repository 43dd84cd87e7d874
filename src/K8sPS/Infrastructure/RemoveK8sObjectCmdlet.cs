using System.Management.Automation;
using K8sPS.Completion;
using K8sPS.Engine.Concurrency;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Waits;

namespace K8sPS.Infrastructure;

/// <summary>
/// What every Remove-K8s&lt;Kind&gt; does: by name and namespace (also bound from piped objects'
/// Name/Namespace), or by any object K8sObjectReference understands; -WhatIf/-Confirm per item, in
/// order, on the pipeline thread; the deletes then run with bounded concurrency (the next piped item
/// does not wait for the previous delete); one error per item that fails, the rest go on; -Wait
/// waits at the end until the deleted objects are gone.
/// </summary>
public abstract class RemoveK8sObjectCmdlet : K8sCmdlet
{
    protected const string ByNameSet = "ByName";
    protected const string ByObjectSet = "ByObject";

    private sealed record Target(string Ns, string Name, object Source);

    private readonly List<Target> _deleted = [];

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByNameSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceNameCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>Namespace of the objects; default: the object's own, else the context's.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>Objects to remove: K8sPS output, `kubectl get -o json | ConvertFrom-Json` output, or names.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByObjectSet, ValueFromPipeline = true)]
    [K8sObjectReferenceTransformation]
    public K8sObjectReference[] InputObject { get; set; } = [];

    /// <summary>Wait until every deleted object is gone (after all deletions are sent).</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>Requests in flight at once.</summary>
    [Parameter]
    [ValidateRange(1, Throttle.MaxLimit)]
    public int ThrottleLimit { get; set; } = Throttle.DefaultLimit;

    protected abstract string Kind { get; }

    /// <summary>Deletes one object (through <see cref="K8sCmdlet.Connection"/>).</summary>
    protected abstract Task DeleteAsync(string ns, string name, CancellationToken ct);

    /// <summary>Reads one object; fails with the server's 404 once it is gone (for -Wait).</summary>
    protected abstract Task<object> GetAsync(string ns, string name, CancellationToken ct);

    protected override async Task ProcessRecordAsync()
    {
        var items = ParameterSetName == ByNameSet
            ? Name.Select(n => new K8sObjectReference(n, Namespace, source: n))
            : InputObject;
        var requested = Namespace;
        // A missing context or bad kubeconfig is one terminating error, not one per item.
        _ = Connection;
        foreach (var item in items)
        {
            CancellationToken.ThrowIfCancellationRequested();
            var target = item.Source ?? item.Name;
            var ns = ResolveNamespace(requested ?? item.Namespace);
            // Asked in input order, then sent while the next items are taken; reported in input order.
            await StartItemAsync(target, async () =>
            {
                if (item.Kind is { } kind && !string.Equals(kind, Kind, StringComparison.OrdinalIgnoreCase))
                    throw new K8sException(new K8sError("WrongKind", K8sErrorCategory.InvalidArgument,
                        $"{kind} \"{item.Name}\" is not a {Kind}: use Remove-K8s{kind}.") { Kind = kind, Name = item.Name, Namespace = ns });
                if (!await ShouldProcessAsync($"{Kind.ToLowerInvariant()} \"{item.Name}\" in namespace \"{ns}\"", "Delete").ConfigureAwait(false)) return;
                await DeleteAsync(ns, item.Name, CancellationToken).ConfigureAwait(false);
                lock (_deleted) _deleted.Add(new Target(ns, item.Name, target));
                WriteVerboseAsync($"{Kind.ToLowerInvariant()} \"{item.Name}\" deleted from namespace \"{ns}\"");
            }, Kind, item.Name, ns).ConfigureAwait(false);
        }
    }

    protected override async Task EndProcessingAsync()
    {
        await DrainItemsAsync().ConfigureAwait(false);
        if (!Wait || _deleted.Count == 0) return;

        var activity = $"Waiting for {_deleted.Count} {Kind.ToLowerInvariant()}(s) to be gone";
        var gone = 0;
        WriteProgressAsync(new ProgressRecord(1, activity, $"0 of {_deleted.Count} gone") { PercentComplete = 0 });
        using var waits = new BoundedRunner<Target>(ThrottleLimitValue);
        foreach (var t in _deleted)
            await waits.StartAsync(t, (w, ct) => DeletionWait.WaitGoneAsync(DeletionWait.UidOf(c => GetAsync(w.Ns, w.Name, c)),
                $"{Kind.ToLowerInvariant()}/{w.Name}", Kind, w.Ns, w.Name, null, DeletionWait.DefaultTimeout, DeletionWait.DefaultPoll, ct), CancellationToken).ConfigureAwait(false);
        await foreach (var o in waits.DrainAsync(CancellationToken).ConfigureAwait(false))
        {
            if (o.Error is null) gone++;
            else if (IsItemFailure(o.Error)) WriteK8sError(o.Error, o.Item.Source, Kind, o.Item.Name, o.Item.Ns);
            WriteProgressAsync(new ProgressRecord(1, activity, $"{gone} of {_deleted.Count} gone") { PercentComplete = gone * 100 / _deleted.Count });
        }
        WriteProgressAsync(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed });
    }
}
