@{
    Synopsis    = 'Gets storageclass, as kubectl get storageclass does.'
    Description = @'
Writes the objects (cluster-scoped: no namespace) as KubernetesClient V1StorageClass objects, shown like kubectl: NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE (the default class named 'standard (default)'). Those columns are real properties (DisplayName, Provisioner, Reclaim, BindingMode, AllowExpansion, IsDefault and Age) for Where-Object and Sort-Object.
'@
    Parameters  = @{
        Name          = 'Names of the objects to get. Wildcards are allowed. Without -Name, every one.'
        Selector      = 'A label selector, as kubectl -l: type=local.'
        FieldSelector = 'A field selector, as kubectl --field-selector: metadata.name=x.'
        Context       = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sStorageClass'; Remarks = 'kubectl get storageclass' }
        @{ Code = 'Get-K8sStorageClass | Where-Object IsDefault'; Remarks = 'The columns are properties to filter on.' }
    )
    Outputs     = 'k8s.Models.V1StorageClass, with the properties DisplayName, Provisioner, Reclaim, BindingMode, AllowExpansion, IsDefault and Age, and Labels and Created.'
    Links       = @('Get-K8sResource', 'kubectl get storageclass')
}
