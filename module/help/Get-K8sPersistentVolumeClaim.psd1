@{
    Synopsis    = 'Gets pvc, as kubectl get pvc does.'
    Description = @'
Writes the objects as KubernetesClient V1PersistentVolumeClaim objects, shown like kubectl: NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS AGE. Those columns are real properties (Name, State, Volume, Capacity, AccessModes, StorageClass and Age) for Where-Object and Sort-Object. With -AllNamespaces the table has kubectl's NAMESPACE column.
'@
    Parameters  = @{
        Name          = 'Names of the objects to get. Wildcards are allowed. Without -Name, every one of the namespace.'
        Namespace     = 'The namespace to look in. Default: the context''s namespace.'
        AllNamespaces = 'Looks in every namespace (kubectl -A); the table gets a NAMESPACE column.'
        Selector      = 'A label selector, as kubectl -l: app=web, tier!=db, env in (dev,qa).'
        FieldSelector = 'A field selector, as kubectl --field-selector: metadata.name=x.'
        Context       = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sPersistentVolumeClaim'; Remarks = 'kubectl get pvc' }
        @{ Code = 'Get-K8sPersistentVolumeClaim -AllNamespaces'; Remarks = 'kubectl get pvc -A' }
        @{ Code = 'Get-K8sPersistentVolumeClaim | Where-Object State -ne ''Bound'''; Remarks = 'The columns are properties to filter on.' }
    )
    Outputs     = 'k8s.Models.V1PersistentVolumeClaim, with the properties Name, State, Volume, Capacity, AccessModes, StorageClass and Age, and Namespace, Labels and Created.'
    Links       = @('Get-K8sResource', 'kubectl get pvc')
}
