using System.Management.Automation;
using K8sPS.Engine.Api;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Waits;
using K8sPS.Infrastructure;
using K8sPS.Objects;
using K8sPS.Completion;

namespace K8sPS.Rollouts;

/// <summary>Wait-K8sCondition: kubectl wait --for.</summary>
[Cmdlet(VerbsLifecycle.Wait, "K8sCondition", DefaultParameterSetName = ByNameSet)]
[OutputType(typeof(K8sWaitResult))]
public sealed class WaitK8sConditionCommand : K8sCmdlet
{
    private const string ByNameSet = "ByName";
    private const string BySelectorSet = "BySelector";
    private const string ByObjectSet = "ByObject";
    private static int _nextActivity = 7600;

    /// <summary>kubectl --for: condition=Ready, condition=Available=false, jsonpath={.status.phase}=Running, delete, create.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string For { get; set; } = "";

    /// <summary>Kind, plural, singular or short name, as Get-K8sResource takes it.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByNameSet)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = BySelectorSet)]
    [Parameter(ParameterSetName = ByObjectSet)]
    [Alias("Resource")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(KindCompleter))]
    public string Kind { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByNameSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceNameCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>Every object matching this label selector (kubectl -l).</summary>
    [Parameter(Mandatory = true, ParameterSetName = BySelectorSet)]
    [Alias("l", "LabelSelector")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LabelCompleter))]
    public string? Selector { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ByObjectSet, ValueFromPipeline = true)]
    [K8sObjectReferenceTransformation]
    public K8sObjectReference[] InputObject { get; set; } = [];

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("n")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>How long to wait (30s, 5m, seconds, a TimeSpan); default 30 s as kubectl; 0 checks once; negative: no limit.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    private WaitCondition? _condition;
    private readonly List<(WaitTarget Target, string Name, object Source, bool Any)> _pending = [];

    protected override Task BeginProcessingAsync()
    {
        _condition = WaitCondition.Parse(For);
        _ = Connection;
        return Task.CompletedTask;
    }

    protected override async Task ProcessRecordAsync()
    {
        var client = new ResourceClient(Connection.Rest);
        if (ParameterSetName == ByObjectSet)
        {
            foreach (var item in InputObject)
            {
                var kind = item.Kind ?? (item.Source is k8s.IKubernetesObject typed ? KindRegistry.KindOf(typed.GetType()) : null) ?? (Kind.Length > 0 ? Kind : null);
                await ForItemAsync(item.Source ?? item.Name, async () =>
                {
                    if (kind is null)
                        throw new K8sException(new K8sError("KindRequired", K8sErrorCategory.InvalidArgument,
                            $"'{item.Name}' says nothing of its kind: use Wait-K8sCondition <kind> {item.Name}, or -Kind.") { Name = item.Name });
                    var target = await TargetAsync(client, kind, item.Namespace).ConfigureAwait(false);
                    Start(target, item.Name, item.Source ?? item.Name);
                }, kind, item.Name, item.Namespace ?? Namespace).ConfigureAwait(false);
            }
            return;
        }
        WaitTarget? t = null;
        if (!await ForItemAsync(Kind, async () => t = await TargetAsync(client, Kind, null).ConfigureAwait(false)).ConfigureAwait(false)) return;
        if (ParameterSetName == ByNameSet)
        {
            foreach (var n in Name) Start(t!, n, n);
            return;
        }
        await ForItemAsync(Selector, async () =>
        {
            var resource = await client.ResolveAsync(Kind, CancellationToken).ConfigureAwait(false);
            var names = new List<string>();
            await foreach (var o in client.ListAsync(resource, t!.Namespace, Selector, null, CancellationToken).ConfigureAwait(false))
                names.Add(o["metadata"]?["name"]?.GetValue<string>() ?? "");
            if (names.Count == 0 && _condition!.Kind == WaitKind.Create)
            {
                _pending.Add((t, Selector!, Selector!, true));
                return;
            }
            if (names.Count == 0)
                throw new K8sException(new K8sError("NoMatchingResources", K8sErrorCategory.NotFound,
                    $"no matching resources found: no {resource.QualifiedPlural} match {Selector}{(t.Namespace is null ? "" : $" in namespace \"{t.Namespace}\"")}")
                { Kind = t.Kind, Namespace = t.Namespace });
            foreach (var n in names) Start(t, n, n);
        }, Kind, null, t!.Namespace).ConfigureAwait(false);
    }

    /// <summary>
    /// Every object is waited for at once, within the one timeout, each written (or failing) as its wait ends. The
    /// waits start here, at the end, so that all their writes happen while this call pumps them.
    /// </summary>
    protected override async Task EndProcessingAsync()
        => await Task.WhenAll(_pending.Select(p => ForItemAsync(p.Source, () => WaitAsync(p.Target, p.Name, p.Any), p.Target.Kind, p.Any ? null : p.Name, p.Target.Namespace))).ConfigureAwait(false);

    private void Start(WaitTarget target, string name, object source) => _pending.Add((target, name, source, false));

    private async Task WaitAsync(WaitTarget target, string nameOrSelector, bool any)
    {
        var id = Interlocked.Increment(ref _nextActivity);
        var activity = $"Waiting for {target.TypeName}/{nameOrSelector}: {_condition!.Description}";
        void Progress(WaitCheck c) => WriteProgressAsync(new ProgressRecord(id, activity, c.Observed));
        var watch = ObjectWatch.For(Connection);
        try
        {
            var outcome = any
                ? await ConditionWaiter.ForAnyAsync(watch, target, nameOrSelector, _condition, Timeout, Progress, CancellationToken).ConfigureAwait(false)
                : await ConditionWaiter.ForNameAsync(watch, target, nameOrSelector, _condition, Timeout, Progress, CancellationToken).ConfigureAwait(false);
            WriteObjectAsync(new K8sWaitResult(outcome, outcome.Object is null ? null : ManifestObjects.ToOutput(outcome.Object)));
        }
        finally
        {
            WriteProgressAsync(new ProgressRecord(id, activity, "done") { RecordType = ProgressRecordType.Completed });
        }
    }

    private async Task<WaitTarget> TargetAsync(ResourceClient client, string kind, string? itemNamespace)
    {
        var resource = await client.ResolveAsync(kind, CancellationToken).ConfigureAwait(false);
        var ns = resource.Namespaced ? ResolveNamespace(Namespace ?? itemNamespace) : null;
        return new WaitTarget(resource.Kind, resource.CollectionPath(ns), resource.QualifiedPlural, resource.QualifiedKind, ns);
    }
}
