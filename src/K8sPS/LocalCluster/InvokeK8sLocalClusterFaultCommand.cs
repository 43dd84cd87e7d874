using System.Management.Automation;
using K8sPS.Engine.LocalCluster;
using K8sPS.Infrastructure;
using K8sPS.Rollouts;

namespace K8sPS.LocalCluster;

/// <summary>
/// Injects a fault into one control-plane process of a local cluster (kill, stop, continue, restart), through its
/// supervisor, which restarts a killed process as after a crash: for tests and for runbooks tried against failures.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "K8sLocalClusterFault", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(LocalClusterFaultResult))]
public sealed class InvokeK8sLocalClusterFaultCommand : AsyncCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = LocalClusterPaths.DefaultName;

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateSet("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler")]
    public string Component { get; set; } = "";

    /// <summary>
    /// Kill, Stop, Continue or Restart. A string, not the Engine's enum: an enum field would make PowerShell load the
    /// Engine while it lists this assembly's types, before the module's load context is hooked in.
    /// </summary>
    [Parameter(Mandatory = true, Position = 2)]
    [ValidateSet("Kill", "Stop", "Continue", "Restart")]
    public string Action { get; set; } = "";

    /// <summary>Stop: continued after this long. Kill: restarted no sooner than after this long.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan? Duration { get; set; }

    protected override object ErrorTarget => Name;

    protected override async Task ProcessRecordAsync()
    {
        var action = Enum.Parse<LocalClusterFaultAction>(Action, ignoreCase: true);
        var request = new LocalClusterFaultRequest { Component = Component, Action = action, Duration = Duration };
        try
        {
            LocalClusterFaults.Validate(Name, request);
            var what = action switch
            {
                LocalClusterFaultAction.Kill => "Kill (SIGKILL; the supervisor restarts it)",
                LocalClusterFaultAction.Stop => "Stop (SIGSTOP)",
                LocalClusterFaultAction.Continue => "Continue (SIGCONT)",
                _ => "Restart (SIGTERM, then start)",
            };
            if (Duration is { } d) what += action == LocalClusterFaultAction.Stop ? $" for {d}" : $", down for at least {d}";
            if (!await ShouldProcessAsync($"{Component} of local cluster '{Name}'", what).ConfigureAwait(false)) return;
            // A Restart waits for the old process to stop (up to 15 s) before the new one starts.
            var timeout = TimeSpan.FromSeconds(action == LocalClusterFaultAction.Restart ? 45 : 20);
            var result = await LocalClusterFaults.SubmitAsync(Name, request, timeout, CancellationToken).ConfigureAwait(false);
            WriteObjectAsync(result);
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteK8sError(LocalClusterErrors.Unexpected(e, LocalClusterErrors.FaultFailedId, Name), null);
        }
    }
}
