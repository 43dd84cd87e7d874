using System.Management.Automation;
using K8sPS.Engine.LocalCluster;
using K8sPS.Infrastructure;
using K8sPS.Completion;

namespace K8sPS.LocalCluster;

/// <summary>
/// Starts a local Kubernetes cluster (etcd, kube-apiserver, kube-controller-manager, kube-scheduler
/// and simulated nodes) in a background process that outlives this session, and writes a kubeconfig
/// context named after it.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "K8sLocalCluster", SupportsShouldProcess = true)]
[OutputType(typeof(LocalClusterInfo))]
public sealed class StartK8sLocalClusterCommand : AsyncCmdlet
{
    /// <summary>The cluster's name: also its kubeconfig context and its first node's name.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LocalClusterNameCompleter))]
    public string Name { get; set; } = LocalClusterPaths.DefaultName;

    /// <summary>How many nodes; default 1, or on a restart the count the cluster had.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int NodeCount { get; set; } = 1;

    /// <summary>A folder holding etcd, kube-apiserver, kube-controller-manager and kube-scheduler (default: K8SPS_KUBE_BIN, else the K8sPS cache).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BinPath { get; set; }

    /// <summary>A kubeconfig file of its own for this cluster (default: merged into the user's kubeconfig).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KubeconfigPath { get; set; }

    /// <summary>The apiserver's port on 127.0.0.1 (default: a free one).</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int ApiServerPort { get; set; }

    /// <summary>Return as soon as the supervisor runs, before the cluster is usable (the default waits, as minikube start does).</summary>
    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <summary>Waiting is the default now; kept so scripts written with -Wait go on working.</summary>
    [Parameter(DontShow = true)]
    public SwitchParameter Wait { get; set; }

    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSeconds { get; set; } = 180;

    protected override object ErrorTarget => Name;

    protected override async Task ProcessRecordAsync()
    {
        try
        {
            var request = new LocalClusterStartRequest
            {
                Name = Name,
                NodeCount = MyInvocation.BoundParameters.ContainsKey(nameof(NodeCount)) ? NodeCount : null,
                BinPath = BinPath is null ? null : await ResolvePathAsync(BinPath).ConfigureAwait(false),
                KubeconfigPath = KubeconfigPath is null ? null : await ResolvePathAsync(KubeconfigPath).ConfigureAwait(false),
                ApiServerPort = ApiServerPort,
            };
            var plan = LocalClusterManager.Plan(request);
            var action = $"Start local cluster with {plan.NodeCount} node(s), context '{Name}' in {plan.KubeconfigPath}";
            if (!await ShouldProcessAsync(Name, action).ConfigureAwait(false)) return;

            var activity = $"Starting local cluster '{Name}'";
            WriteProgressAsync(new ProgressRecord(1, activity, "launching the supervisor"));
            var pid = await LocalClusterManager.LaunchAsync(plan, CancellationToken).ConfigureAwait(false);
            WriteVerboseAsync($"supervisor pid {pid}; state and logs in {plan.ClusterDir}");

            LocalClusterInfo? info;
            if (!NoWait)
            {
                info = await LocalClusterManager.WaitAsync(Name, TimeSpan.FromSeconds(TimeoutSeconds),
                    i => WriteProgressAsync(new ProgressRecord(1, activity, i.Message ?? i.State) { PercentComplete = PercentDone(i) }),
                    CancellationToken).ConfigureAwait(false);
                WriteProgressAsync(new ProgressRecord(1, activity, "ready") { RecordType = ProgressRecordType.Completed });
            }
            else
            {
                info = LocalClusterManager.Get(Name);
            }
            WriteObjectAsync(info);
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            // The error's own object when it names one (a port in use, a missing binary), else this cluster.
            WriteK8sError(LocalClusterErrors.Unexpected(e, LocalClusterErrors.StartFailedId, Name), null);
        }
    }

    /// <summary>Healthy components and Ready nodes, as a share of everything -Wait waits for.</summary>
    private static int PercentDone(LocalClusterInfo info)
    {
        var components = info.Components.Count(c => c.Health == "Healthy");
        var nodes = info.NodeCount > 0 ? (double)info.NodesReady / info.NodeCount : 0;
        var total = Math.Max(info.Components.Count, 4) + 1;
        return (int)Math.Clamp(100 * (components + nodes) / total, 0, 99);
    }

    /// <summary>Resolves a path against PowerShell's current location (not the process's), on the pipeline thread.</summary>
    private Task<string> ResolvePathAsync(string path) => OnPipelineAsync(() => GetUnresolvedProviderPathFromPSPath(path));
}
