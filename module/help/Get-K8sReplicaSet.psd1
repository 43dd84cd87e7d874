@{
    Synopsis    = 'Gets replicasets, as kubectl get replicasets does.'
    Description = @'
Writes the objects as KubernetesClient V1ReplicaSet objects, shown like kubectl: NAME DESIRED CURRENT READY AGE. Those columns are real properties (Name, Desired, Current, Ready and Age) for Where-Object and Sort-Object. With -AllNamespaces the table has kubectl's NAMESPACE column.
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
        @{ Code = 'Get-K8sReplicaSet'; Remarks = 'kubectl get replicasets' }
        @{ Code = 'Get-K8sReplicaSet -AllNamespaces'; Remarks = 'kubectl get replicasets -A' }
        @{ Code = 'Get-K8sReplicaSet -Selector app=web | Where-Object Desired -gt 0'; Remarks = 'The columns are properties to filter on. Needs: deployment/web.' }
    )
    Outputs     = 'k8s.Models.V1ReplicaSet, with the properties Name, Desired, Current, Ready and Age, and Namespace, Labels and Created.'
    Links       = @('Get-K8sResource', 'kubectl get replicasets')
}
