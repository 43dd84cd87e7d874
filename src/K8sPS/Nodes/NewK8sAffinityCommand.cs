using System.Management.Automation;
using k8s.Models;
using K8sPS.Engine.Nodes;
using K8sPS.Infrastructure;

namespace K8sPS.Nodes;

/// <summary>
/// New-K8sAffinity: a pod's affinity (spec.affinity) from selectors written as kubectl -l writes them, for
/// New-K8sDeployment -Affinity: node affinity required or preferred, pod affinity and anti-affinity over a topology.
/// Piped an affinity, it adds to a copy of it, so preferences of different weights chain.
/// </summary>
[Cmdlet(VerbsCommon.New, "K8sAffinity")]
[OutputType(typeof(V1Affinity))]
public sealed class NewK8sAffinityCommand : AsyncCmdlet
{
    /// <summary>Node selector terms the node must match; several terms: any one of them.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RequiredNode { get; set; }

    /// <summary>Node selector terms the scheduler prefers, each scoring -Weight.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? PreferredNode { get; set; }

    /// <summary>Pods this pod must run beside (in the same topology domain).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? PodAffinity { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? PreferredPodAffinity { get; set; }

    /// <summary>Pods this pod must never share a topology domain with (one per node, by default).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? PodAntiAffinity { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? PreferredPodAntiAffinity { get; set; }

    /// <summary>The weight (1-100) of the preferred terms of this call.</summary>
    [Parameter]
    [ValidateRange(1, 100)]
    public int Weight { get; set; } = 1;

    /// <summary>The node label whose value is a pod affinity's domain; default kubernetes.io/hostname (one node).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string TopologyKey { get; set; } = AffinityBuilder.HostnameTopology;

    /// <summary>Namespaces the pod (anti-)affinity selectors look in; default: the pod's own.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? PodNamespace { get; set; }

    /// <summary>An affinity to add to (New-K8sAffinity output); it is not changed.</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    protected override Task ProcessRecordAsync()
    {
        var a = AffinityBuilder.Copy(AffinityInput.From(InputObject));
        foreach (var s in RequiredNode ?? []) a = AffinityBuilder.AddRequiredNodeTerm(a, s);
        foreach (var s in PreferredNode ?? []) a = AffinityBuilder.AddPreferredNodeTerm(a, s, Weight);
        foreach (var s in PodAffinity ?? []) a = AffinityBuilder.AddPodTerm(a, anti: false, required: true, s, TopologyKey, Weight, PodNamespace);
        foreach (var s in PreferredPodAffinity ?? []) a = AffinityBuilder.AddPodTerm(a, anti: false, required: false, s, TopologyKey, Weight, PodNamespace);
        foreach (var s in PodAntiAffinity ?? []) a = AffinityBuilder.AddPodTerm(a, anti: true, required: true, s, TopologyKey, Weight, PodNamespace);
        foreach (var s in PreferredPodAntiAffinity ?? []) a = AffinityBuilder.AddPodTerm(a, anti: true, required: false, s, TopologyKey, Weight, PodNamespace);
        WriteObjectAsync(a);
        return Task.CompletedTask;
    }
}
