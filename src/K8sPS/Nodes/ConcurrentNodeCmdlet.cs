using System.Management.Automation;
using K8sPS.Infrastructure;

namespace K8sPS.Nodes;

/// <summary>A node command that changes nodes at once (labels, taints, cordon): up to -ThrottleLimit in flight.</summary>
public abstract class ConcurrentNodeCmdlet : NodeTargetCmdlet
{
    /// <summary>Nodes changed at once.</summary>
    [Parameter]
    [ValidateRange(1, Throttle.MaxLimit)]
    public int ThrottleLimit { get; set; } = Throttle.DefaultLimit;
}
