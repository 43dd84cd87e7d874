@{
    Synopsis    = 'Builds a pod affinity (node affinity, pod affinity and anti-affinity) from label selectors, for New-K8sDeployment -Affinity.'
    Description = @'
Writes a V1Affinity, the spec.affinity of a pod, from selectors written as kubectl -l writes them: key=value, key!=value, key in (a,b), key notin (a,b), key, !key, and for node labels key>n and key<n.

-RequiredNode: the node must match (several selectors: any one of them; the requirements of one selector: all). -PreferredNode: nodes that match score -Weight (1 to 100) more. -PodAntiAffinity: never in the same -TopologyKey domain as pods that match (the default topology, kubernetes.io/hostname, means one per node); -PodAffinity: only beside them; the Preferred- forms are soft, with -Weight. Pipe an affinity in to add to a copy of it, so terms of different weights chain. The same affinity can be written in YAML (examples/A-AFFINITY).
'@
    Parameters  = @{
        RequiredNode             = 'Node selector terms the node must match: ''disktype=ssd'', ''zone in (a,b)''. Several terms: any one of them.'
        PreferredNode            = 'Node selector terms the scheduler prefers; each matching term adds -Weight to a node''s score.'
        PodAffinity              = 'Label selectors of pods this pod must run beside, in the same -TopologyKey domain.'
        PreferredPodAffinity     = 'Label selectors of pods this pod prefers to run beside, with -Weight.'
        PodAntiAffinity          = 'Label selectors of pods this pod must never share a -TopologyKey domain with: ''app=web'' spreads web pods one per node.'
        PreferredPodAntiAffinity = 'Label selectors of pods this pod prefers not to share a domain with, with -Weight.'
        Weight                   = 'The weight (1-100) of the preferred terms of this call. Default 1.'
        TopologyKey              = 'The node label whose value is a pod affinity''s domain. Default kubernetes.io/hostname (one node); topology.kubernetes.io/zone for a zone.'
        PodNamespace             = 'Namespaces the pod (anti-)affinity selectors look in. Default: the pod''s own.'
        InputObject              = 'An affinity to add to (New-K8sAffinity output); it is not changed.'
    }
    Examples    = @(
        @{ Code = 'New-K8sDeployment web -Image nginx -Replicas 3 -Affinity (New-K8sAffinity -PodAntiAffinity app=web)'; Remarks = 'Three replicas, never two on one node.' }
        @{ Code = '$a = New-K8sAffinity -RequiredNode ''disktype in (ssd,nvme)''; New-K8sDeployment db -Image postgres -Affinity $a'; Remarks = 'Only on nodes labelled disktype=ssd or disktype=nvme.' }
        @{ Code = 'New-K8sAffinity -PreferredNode ''zone=a'' -Weight 80 | New-K8sAffinity -PreferredNode ''zone=b'' -Weight 20'; Remarks = 'Prefer zone a, then zone b; any node will do.' }
    )
    Outputs     = 'k8s.Models.V1Affinity.'
    Links       = @('New-K8sDeployment', 'Set-K8sNodeLabel', 'Get-K8sNode')
}
