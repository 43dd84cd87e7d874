using System.Management.Automation;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using K8sPS.Engine.Api;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Events;
using K8sPS.Engine.Waits;
using K8sPS.Infrastructure;
using K8sPS.Completion;

namespace K8sPS.Events;

/// <summary>Get-K8sEvent: kubectl events (--for, -A, --types, --watch).</summary>
[Cmdlet(VerbsCommon.Get, "K8sEvent", DefaultParameterSetName = NamespaceSet)]
[OutputType(typeof(EventRow))]
public sealed class GetK8sEventCommand : K8sCmdlet
{
    private const string NamespaceSet = "Namespace";
    private const string AllNamespacesSet = "AllNamespaces";
    private const string ByObjectSet = "ByObject";

    [Parameter(ParameterSetName = NamespaceSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = ByObjectSet, ValueFromPipelineByPropertyName = true)]
    [Alias("n")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = AllNamespacesSet)]
    [Alias("A")]
    public SwitchParameter AllNamespaces { get; set; }

    /// <summary>kubectl --for kind/name: only the events about that object (pod/web-1, deploy/web).</summary>
    [Parameter(ParameterSetName = NamespaceSet)]
    [ValidateNotNullOrEmpty]
    public string? For { get; set; }

    /// <summary>The objects whose events to show (kubectl events --for each of them): K8sPS objects, Get-K8sResource output...</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByObjectSet, ValueFromPipeline = true)]
    [K8sObjectReferenceTransformation]
    public K8sObjectReference[] InputObject { get; set; } = [];

    /// <summary>kubectl --types: Normal, Warning.</summary>
    [Parameter]
    [ValidateSet("Normal", "Warning", IgnoreCase = true)]
    public string[]? Type { get; set; }

    /// <summary>After the events there are, stream new ones as they happen, until Ctrl+C.</summary>
    [Parameter]
    public SwitchParameter Watch { get; set; }

    private sealed record Query(string? Namespace, string? Kind, string? Name, string? Uid, object Target);

    private readonly List<Query> _watches = [];

    protected override async Task ProcessRecordAsync()
    {
        _ = Connection;
        if (ParameterSetName != ByObjectSet)
        {
            await ForItemAsync(For ?? Namespace ?? "events", async () =>
            {
                var ns = AllNamespaces ? null : ResolveNamespace(Namespace);
                string? kind = null, name = null;
                if (For is not null)
                {
                    var slash = For.IndexOf('/', StringComparison.Ordinal);
                    if (slash <= 0 || slash == For.Length - 1)
                        throw new K8sException(new K8sError("InvalidFor", K8sErrorCategory.InvalidArgument,
                            $"-For must be kind/name, as kubectl events --for (pod/web-1, deploy/web), not \"{For}\"")
                        { RecommendedAction = "Write the kind, a slash and the name; or pipe the object in." });
                    kind = (await new ResourceClient(Connection.Rest).ResolveAsync(For[..slash], CancellationToken).ConfigureAwait(false)).Kind;
                    name = For[(slash + 1)..];
                }
                await RunAsync(new Query(ns, kind, name, null, For ?? (object?)ns ?? "all namespaces")).ConfigureAwait(false);
            }).ConfigureAwait(false);
            return;
        }
        foreach (var item in InputObject)
        {
            var source = item.Source is PSObject p ? p.BaseObject : item.Source;
            await ForItemAsync(item.Source ?? item.Name, async () =>
            {
                var kind = item.Kind ?? (source is IKubernetesObject typed ? KindRegistry.KindOf(typed.GetType()) : null)
                    ?? throw new K8sException(new K8sError("KindRequired", K8sErrorCategory.InvalidArgument,
                        $"'{item.Name}' says nothing of its kind: use Get-K8sEvent -For <kind>/{item.Name}.") { Name = item.Name });
                var uid = (source as IMetadata<V1ObjectMeta>)?.Metadata?.Uid;
                await RunAsync(new Query(ResolveNamespace(Namespace ?? item.Namespace), kind, item.Name, uid, item.Source ?? item.Name)).ConfigureAwait(false);
            }, item.Kind, item.Name, item.Namespace).ConfigureAwait(false);
        }
    }

    /// <summary>Several piped objects are watched at once, once all have been read (their writes need this call's pump).</summary>
    protected override async Task EndProcessingAsync()
        => await Task.WhenAll(_watches.Select(q => ForItemAsync(q.Target, () => WatchAsync(q), q.Kind, q.Name, q.Namespace))).ConfigureAwait(false);

    private async Task RunAsync(Query q)
    {
        if (Watch)
        {
            if (ParameterSetName == ByObjectSet) _watches.Add(q);
            else await WatchAsync(q).ConfigureAwait(false);
            return;
        }
        var events = await EventView.ListAsync(Connection.Client, q.Namespace, q.Kind, q.Name, CancellationToken).ConfigureAwait(false);
        var shown = Select(events, q).ToList();
        if (shown.Count == 0) WriteVerboseAsync(EventView.NoEventsMessage(q.Namespace));
        WriteObjectsAsync(EventView.Rows(shown, DateTime.UtcNow).Select(Output));
    }

    /// <summary>kubectl events --watch: the events there are, in kubectl's order, then each new or updated one as it comes.</summary>
    private async Task WatchAsync(Query q)
    {
        var path = q.Namespace is null ? "/api/v1/events" : $"/api/v1/namespaces/{Uri.EscapeDataString(q.Namespace)}/events";
        var selector = q.Kind is null || q.Name is null ? null : EventView.FieldSelector(q.Kind, q.Name);
        var initial = new List<Corev1Event>();
        var synced = false;
        await foreach (var e in ObjectWatch.For(Connection).WatchAsync(path, selector, null, CancellationToken).ConfigureAwait(false))
        {
            if (e.Type == WatchEventKind.Synced)
            {
                synced = true;
                WriteObjectsAsync(EventView.Rows(Select(initial, q), DateTime.UtcNow).Select(Output));
                continue;
            }
            if (e.Type == WatchEventKind.Deleted || e.Object is null) continue;
            var ev = ToEvent(e.Object);
            if (!synced) initial.Add(ev);
            else if (Select([ev], q).Any()) WriteObjectAsync(Output(EventView.Row(ev, DateTime.UtcNow)));
        }
    }

    private IEnumerable<Corev1Event> Select(IEnumerable<Corev1Event> events, Query q)
    {
        var kept = EventView.OfTypes(events, Type);
        if (q.Kind is not null && q.Name is not null)
            kept = kept.Where(e => EventView.IsFor(e, q.Kind, q.Name, q.Namespace, q.Uid));
        return kept;
    }

    private static Corev1Event ToEvent(JsonObject obj) => KubernetesJson.Deserialize<Corev1Event>(obj.ToJsonString());

    /// <summary>Across namespaces kubectl adds a NAMESPACE column: a type name selects the view that has it.</summary>
    private object Output(EventRow row)
    {
        if (!AllNamespaces) return row;
        var wrapped = PSObject.AsPSObject(row);
        wrapped.TypeNames.Insert(0, typeof(EventRow).FullName + "#AllNamespaces");
        return wrapped;
    }
}
