using System.Management.Automation;
using k8s.Models;
using K8sPS.Completion;
using K8sPS.Engine.Errors;
using K8sPS.Engine.Metrics;
using K8sPS.Infrastructure;

namespace K8sPS.Metrics;

/// <summary>
/// <para type="synopsis">kubectl top: CPU and memory in use by pods (or their containers) and nodes, from the metrics.k8s.io API.</para>
/// </summary>
/// <remarks>
/// One cmdlet with kubectl's first word as a positional -Resource (Get-K8sTop, Get-K8sTop nodes, Get-K8sTop pods web-1):
/// what kubectl users type works as typed, and Tab offers Pods and Nodes. Rows are collected over the whole pipeline
/// and written at the end, so -Sort orders everything piped in (Get-K8sPod -Selector app=web | Get-K8sTop -Sort cpu).
/// </remarks>
[Cmdlet(VerbsCommon.Get, "K8sTop")]
[OutputType(typeof(PodUsageRow), typeof(NodeUsageRow))]
public sealed class GetK8sTopCommand : K8sCmdlet
{
    private readonly List<PodMetrics> _pods = [];
    private readonly List<NodeMetrics> _nodeMetrics = [];
    private readonly Dictionary<string, V1Node> _nodes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private MetricsReader? _reader;

    /// <summary>Pods (default) or Nodes; kubectl's pod, po, node, no are read as the same.</summary>
    [Parameter(Position = 0)]
    [TopResourceTransformation]
    public TopResource Resource { get; set; } = TopResource.Pods;

    /// <summary>Pod (or node) names; wildcards select among all. None: all of the namespace (or cluster).</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TopNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>The pods' namespace; default: the context's. Not used for nodes.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("n")]
    [ArgumentCompleter(typeof(NamespaceCompleter))]
    public string? Namespace { get; set; }

    /// <summary>Pods of every namespace, with a NAMESPACE column (kubectl -A).</summary>
    [Parameter]
    [Alias("A")]
    public SwitchParameter AllNamespaces { get; set; }

    /// <summary>Label selector, as kubectl -l: app=web,tier!=db.</summary>
    [Parameter]
    [Alias("l", "LabelSelector")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TopLabelCompleter))]
    public string? Selector { get; set; }

    /// <summary>One row per container, with the pod in a POD column (kubectl --containers).</summary>
    [Parameter]
    public SwitchParameter Containers { get; set; }

    /// <summary>Largest first by cpu or memory (kubectl --sort-by); default: by namespace and name.</summary>
    [Parameter]
    [Alias("SortBy")]
    [ValidateSet("cpu", "memory")]
    public string? Sort { get; set; }

    /// <summary>Node percentages of capacity instead of allocatable (kubectl --show-capacity).</summary>
    [Parameter]
    public SwitchParameter ShowCapacity { get; set; }

    private MetricsReader Reader => _reader ??= new MetricsReader(Connection.Rest);

    protected override async Task BeginProcessingAsync()
    {
        if (Resource == TopResource.Nodes && (Containers || AllNamespaces))
            throw new K8sException(new K8sError("InvalidArgument", K8sErrorCategory.InvalidArgument,
                $"-{(Containers ? "Containers" : "AllNamespaces")} is for pods: nodes have no containers and no namespace")
            { RecommendedAction = "Leave it out for nodes, or use Get-K8sTop pods." });
        if (Resource == TopResource.Pods && ShowCapacity)
            throw new K8sException(new K8sError("InvalidArgument", K8sErrorCategory.InvalidArgument,
                "-ShowCapacity is for nodes: a pod's usage has no percentage")
            { RecommendedAction = "Use Get-K8sTop nodes -ShowCapacity." });
        // Once, before any item: without the API nothing could be shown (kubectl: "error: Metrics API not available").
        await Reader.EnsureServedAsync(CancellationToken).ConfigureAwait(false);
    }

    protected override async Task ProcessRecordAsync()
    {
        if (Resource == TopResource.Nodes) await ProcessNodesAsync().ConfigureAwait(false);
        else await ProcessPodsAsync().ConfigureAwait(false);
    }

    private async Task ProcessPodsAsync()
    {
        var ns = AllNamespaces ? null : ResolveNamespace(string.IsNullOrEmpty(Namespace) ? null : Namespace);
        var where = ns ?? "all namespaces";
        if (Name is null || Name.Length == 0)
        {
            await ForItemAsync(where, async () =>
            {
                var found = await Reader.PodsAsync(ns, null, Selector, CancellationToken).ConfigureAwait(false);
                if (found.Count == 0)
                {
                    // kubectl: an error when pods exist but have no metrics, else just "No resources found".
                    var why = await Reader.ExplainNoPodMetricsAsync(ns, Selector, DateTime.UtcNow, CancellationToken).ConfigureAwait(false);
                    if (why is not null) throw new K8sException(why);
                    WriteVerboseAsync(MetricsAvailability.NoResourcesMessage(ns, AllNamespaces));
                }
                AddPods(found);
            }, "PodMetrics", null, ns).ConfigureAwait(false);
            return;
        }
        foreach (var name in Name)
        {
            CancellationToken.ThrowIfCancellationRequested();
            await ForItemAsync(name, async () =>
            {
                if (WildcardPattern.ContainsWildcardCharacters(name))
                {
                    var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
                    AddPods((await Reader.PodsAsync(ns, null, Selector, CancellationToken).ConfigureAwait(false)).Where(p => pattern.IsMatch(p.Metadata?.Name)));
                }
                else
                {
                    // By name the metrics API answers across namespaces only per namespace: -AllNamespaces lists and filters.
                    var found = ns is null
                        ? (await Reader.PodsAsync(null, null, Selector, CancellationToken).ConfigureAwait(false)).Where(p => p.Metadata?.Name == name).ToList()
                        : await Reader.PodsAsync(ns, name, null, CancellationToken).ConfigureAwait(false);
                    if (found.Count == 0)
                        throw new K8sException(new K8sError("NotFound", K8sErrorCategory.NotFound, $"podmetrics.metrics.k8s.io \"{name}\" not found in any namespace")
                        { Kind = "PodMetrics", Name = name });
                    AddPods(found);
                }
            }, "PodMetrics", name, ns).ConfigureAwait(false);
        }
    }

    private async Task ProcessNodesAsync()
    {
        if (Name is null || Name.Length == 0)
        {
            await ForItemAsync("nodes", async () =>
            {
                var metrics = await Reader.NodesAsync(null, Selector, CancellationToken).ConfigureAwait(false);
                if (metrics.Count == 0) throw new K8sException(MetricsAvailability.NotAvailableYet());
                AddNodes(metrics, await Reader.NodeObjectsAsync(null, Selector, CancellationToken).ConfigureAwait(false));
            }, "NodeMetrics").ConfigureAwait(false);
            return;
        }
        foreach (var name in Name)
        {
            CancellationToken.ThrowIfCancellationRequested();
            await ForItemAsync(name, async () =>
            {
                if (WildcardPattern.ContainsWildcardCharacters(name))
                {
                    var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
                    var metrics = (await Reader.NodesAsync(null, Selector, CancellationToken).ConfigureAwait(false)).Where(m => pattern.IsMatch(m.Metadata?.Name)).ToList();
                    var nodes = (await Reader.NodeObjectsAsync(null, Selector, CancellationToken).ConfigureAwait(false)).Where(n => pattern.IsMatch(n.Metadata?.Name)).ToList();
                    AddNodes(metrics, nodes);
                    return;
                }
                var one = await Reader.NodesAsync(name, null, CancellationToken).ConfigureAwait(false);
                AddNodes(one, await Reader.NodeObjectsAsync(name, null, CancellationToken).ConfigureAwait(false));
            }, "NodeMetrics", name).ConfigureAwait(false);
        }
    }

    // The same pod or node named twice (a name and a wildcard, or piped twice) is one row.
    private void AddPods(IEnumerable<PodMetrics> metrics)
    {
        lock (_pods)
            foreach (var m in metrics)
                if (_seen.Add($"pod/{m.Metadata?.NamespaceProperty}/{m.Metadata?.Name}")) _pods.Add(m);
    }

    private void AddNodes(IEnumerable<NodeMetrics> metrics, IEnumerable<V1Node> nodes)
    {
        lock (_pods)
        {
            foreach (var m in metrics)
                if (_seen.Add($"node/{m.Metadata?.Name}")) _nodeMetrics.Add(m);
            foreach (var n in nodes) _nodes[n.Metadata?.Name ?? ""] = n;
        }
    }

    protected override Task EndProcessingAsync()
    {
        var sortBy = TopSort.Parse(Sort?.ToLowerInvariant());
        if (Resource == TopResource.Nodes)
        {
            if (_nodeMetrics.Count > 0 || _nodes.Count > 0)
                WriteObjectsAsync(TopRows.Nodes(_nodeMetrics, _nodes.Values, sortBy, ShowCapacity));
            return Task.CompletedTask;
        }
        // A NAMESPACE column with -AllNamespaces, and whenever the rows come from more than one namespace (piped pods).
        var manyNamespaces = AllNamespaces || _pods.Select(p => p.Metadata?.NamespaceProperty).Distinct(StringComparer.Ordinal).Count() > 1;
        var view = (manyNamespaces ? "#AllNamespaces" : "") + (Containers ? "#Containers" : "");
        foreach (var row in TopRows.Pods(_pods, sortBy, manyNamespaces, Containers))
        {
            if (view.Length == 0)
            {
                WriteObjectAsync(row);
                continue;
            }
            var wrapped = PSObject.AsPSObject(row);
            wrapped.TypeNames.Insert(0, typeof(PodUsageRow).FullName + view);
            WriteObjectAsync(wrapped);
        }
        return Task.CompletedTask;
    }
}
