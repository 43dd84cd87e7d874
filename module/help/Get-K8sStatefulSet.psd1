@{
    Synopsis    = 'Gets statefulsets, as kubectl get statefulsets does.'
    Description = @'
Writes the objects as KubernetesClient V1StatefulSet objects, shown like kubectl: NAME READY AGE. Those columns are real properties (Name, Ready (ready/desired) and Age) for Where-Object and Sort-Object. With -AllNamespaces the table has kubectl's NAMESPACE column.
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
        @{ Code = 'Get-K8sStatefulSet'; Remarks = 'kubectl get statefulsets' }
        @{ Code = 'Get-K8sStatefulSet -AllNamespaces'; Remarks = 'kubectl get statefulsets -A' }
        @{ Code = 'Get-K8sStatefulSet my-app | Select-Object Name, Ready'; Remarks = 'The columns are properties to filter on. Needs: service/my-service, statefulset/my-app.' }
    )
    Outputs     = 'k8s.Models.V1StatefulSet, with the properties Name, Ready (ready/desired) and Age, and Namespace, Labels and Created.'
    Links       = @('Get-K8sResource', 'kubectl get statefulsets')
}
