using System.Management.Automation;
using K8sPS.Engine.LocalCluster;
using K8sPS.Infrastructure;
using K8sPS.Completion;

namespace K8sPS.LocalCluster;

/// <summary>Stops a local cluster: every process it started, its ports freed; with -Remove also its state folder and kubeconfig context.</summary>
[Cmdlet(VerbsLifecycle.Stop, "K8sLocalCluster", SupportsShouldProcess = true)]
[OutputType(typeof(LocalClusterInfo))]
public sealed class StopK8sLocalClusterCommand : AsyncCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LocalClusterNameCompleter))]
    public string Name { get; set; } = LocalClusterPaths.DefaultName;

    /// <summary>Also delete the cluster's state folder (etcd data, certificates, logs) and its kubeconfig context.</summary>
    [Parameter]
    public SwitchParameter Remove { get; set; }

    protected override object ErrorTarget => Name;

    protected override async Task ProcessRecordAsync()
    {
        try
        {
            var existing = LocalClusterManager.Get(Name);
            if (existing is null)
            {
                // StopAsync raises the not-found error with the folder it looked in.
                await LocalClusterManager.StopAsync(Name, Remove, CancellationToken).ConfigureAwait(false);
                return;
            }
            var action = Remove ? "Stop local cluster and remove its state folder and kubeconfig context" : "Stop local cluster";
            if (!await ShouldProcessAsync(Name, action).ConfigureAwait(false)) return;
            WriteProgressAsync(new ProgressRecord(1, $"Stopping local cluster '{Name}'", "stopping the supervisor and its processes"));
            var info = await LocalClusterManager.StopAsync(Name, Remove, CancellationToken).ConfigureAwait(false);
            WriteProgressAsync(new ProgressRecord(1, $"Stopping local cluster '{Name}'", "stopped") { RecordType = ProgressRecordType.Completed });
            WriteObjectAsync(info);
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            // The error's own object when it names one (a port in use, a missing binary), else this cluster.
            WriteK8sError(LocalClusterErrors.Unexpected(e, LocalClusterErrors.StopFailedId, Name), null);
        }
    }
}
