@{
    Synopsis    = 'Gets pv, as kubectl get pv does.'
    Description = @'
Writes the objects (cluster-scoped: no namespace) as KubernetesClient V1PersistentVolume objects, shown like kubectl: NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS REASON AGE. Those columns are real properties (Name, Capacity, AccessModes, ReclaimPolicy, State, Claim, StorageClass, Reason and Age) for Where-Object and Sort-Object.
'@
    Parameters  = @{
        Name          = 'Names of the objects to get. Wildcards are allowed. Without -Name, every one.'
        Selector      = 'A label selector, as kubectl -l: type=local.'
        FieldSelector = 'A field selector, as kubectl --field-selector: metadata.name=x.'
        Context       = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sPersistentVolume'; Remarks = 'kubectl get pv' }
        @{ Code = 'Get-K8sPersistentVolume | Where-Object State -eq ''Released'''; Remarks = 'The columns are properties to filter on.' }
    )
    Outputs     = 'k8s.Models.V1PersistentVolume, with the properties Name, Capacity, AccessModes, ReclaimPolicy, State, Claim, StorageClass, Reason and Age, and Labels and Created.'
    Links       = @('Get-K8sResource', 'kubectl get pv')
}
