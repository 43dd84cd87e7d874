using System.Management.Automation;

namespace K8sPS.Metrics;

/// <summary>What Get-K8sTop shows, as kubectl top's first word: pods (the default) or nodes.</summary>
public enum TopResource
{
    Pods,
    Nodes,
}

/// <summary>
/// Lets -Resource take kubectl's words for the same thing: pod, po, pods; node, no, nodes (any case).
/// Anything else is left to PowerShell's own conversion error, which lists Pods and Nodes.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class TopResourceTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject p ? p.BaseObject : inputData;
        return value is string s
            ? s.Trim().ToLowerInvariant() switch
            {
                "pod" or "po" or "pods" => TopResource.Pods,
                "node" or "no" or "nodes" => TopResource.Nodes,
                _ => s,
            }
            : value!;
    }
}
