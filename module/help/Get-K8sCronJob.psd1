@{
    Synopsis    = 'Gets cronjobs, as kubectl get cronjobs does.'
    Description = @'
Writes the objects as KubernetesClient V1CronJob objects, shown like kubectl: NAME SCHEDULE SUSPEND ACTIVE LAST SCHEDULE AGE. Those columns are real properties (Name, Schedule, Suspend, Active, LastSchedule and Age) for Where-Object and Sort-Object. With -AllNamespaces the table has kubectl's NAMESPACE column. CronJobs are read in the version the server serves (batch/v1beta1 on Kubernetes 1.20, batch/v1 from 1.21), found by discovery; the object keeps that apiVersion.
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
        @{ Code = 'Get-K8sCronJob'; Remarks = 'kubectl get cronjobs' }
        @{ Code = 'Get-K8sCronJob -AllNamespaces'; Remarks = 'kubectl get cronjobs -A' }
        @{ Code = 'Get-K8sCronJob | Where-Object Suspend -eq ''True'''; Remarks = 'The columns are properties to filter on.' }
    )
    Outputs     = 'k8s.Models.V1CronJob, with the properties Name, Schedule, Suspend, Active, LastSchedule and Age, and Namespace, Labels and Created.'
    Links       = @('Get-K8sResource', 'kubectl get cronjobs')
}
