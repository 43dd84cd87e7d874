using System.Management.Automation;
using K8sPS.Engine.Rollouts;
using K8sPS.Engine.Waits;
using K8sPS.Completion;

namespace K8sPS.Rollouts;

/// <summary>Wait-K8sRollout: kubectl rollout status.</summary>
[Cmdlet(VerbsLifecycle.Wait, "K8sRollout", DefaultParameterSetName = ByNameSet)]
[OutputType(typeof(RolloutWaitResult))]
public sealed class WaitK8sRolloutCommand : WorkloadCmdlet
{
    private static int _nextActivity = 7300;

    /// <summary>kubectl --revision: fail if the Deployment has moved on from this revision.</summary>
    [Parameter]
    [ValidateRange(0, long.MaxValue)]
    [ArgumentCompleter(typeof(RevisionCompleter))]
    public long Revision { get; set; }

    /// <summary>How long to wait (30s, 5m, a number of seconds, a TimeSpan); none or 0: as long as it takes, as kubectl.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan? Timeout { get; set; }

    protected override IReadOnlyList<string> Kinds => WorkloadKinds.Rollout;

    protected override string Command => "rollout status";

    protected override async Task ProcessTargetAsync(WorkloadTarget target)
    {
        var activity = $"Waiting for {WorkloadKinds.TypeName(target.Kind)}/{target.Name} to roll out";
        var id = Interlocked.Increment(ref _nextActivity);
        try
        {
            var result = await RolloutWaiter.WaitAsync(ObjectWatch.For(Connection), target.Kind, target.Namespace, target.Name, Revision, Timeout,
                s =>
                {
                    WriteVerboseAsync(s.Message);
                    WriteProgressAsync(new ProgressRecord(id, activity, s.Message));
                }, CancellationToken).ConfigureAwait(false);
            WriteObjectAsync(result);
        }
        finally
        {
            WriteProgressAsync(new ProgressRecord(id, activity, "done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
