@{
    Synopsis    = 'Gets jobs, as kubectl get jobs does.'
    Description = @'
Writes the objects as KubernetesClient V1Job objects, shown like kubectl: NAME COMPLETIONS DURATION AGE. Those columns are real properties (Name, Completions, Duration and Age) for Where-Object and Sort-Object. With -AllNamespaces the table has kubectl's NAMESPACE column.
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
        @{ Code = 'Get-K8sJob'; Remarks = 'kubectl get jobs' }
        @{ Code = 'Get-K8sJob -AllNamespaces'; Remarks = 'kubectl get jobs -A' }
        @{ Code = 'Get-K8sJob | Where-Object Completions -like ''0/*'''; Remarks = 'The columns are properties to filter on.' }
    )
    Outputs     = 'k8s.Models.V1Job, with the properties Name, Completions, Duration and Age, and Namespace, Labels and Created.'
    Links       = @('Get-K8sResource', 'kubectl get jobs')
}
