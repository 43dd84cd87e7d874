@{
    Synopsis    = 'Gets services, as kubectl get services does.'
    Description = @'
Writes the services as KubernetesClient V1Service objects, shown like kubectl: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE. Those columns are real properties (Name, Type, ClusterIP, ExternalIP, Ports, Age).
'@
    Parameters  = @{
        Name          = 'Names of the services to get. Wildcards are allowed. Without -Name, every service of the namespace.'
        Namespace     = 'The namespace to look in. Default: the context''s namespace.'
        AllNamespaces = 'Looks in every namespace (kubectl -A). Use Format-Table -View AllNamespaces to see the NAMESPACE column.'
        Selector      = 'A label selector, as kubectl -l: app=web, tier!=db, env in (dev,qa).'
        FieldSelector = 'A field selector, as kubectl --field-selector: status.phase=Running, spec.nodeName=node-1.'
        Context       = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sService'; Remarks = 'kubectl get services' }
        @{ Code = 'Get-K8sService -AllNamespaces | Where-Object Type -eq NodePort | Get-K8sServiceUrl'; Remarks = 'The URL of every NodePort service.' }
    )
    Outputs     = 'k8s.Models.V1Service, with the properties Name, Namespace, Labels, Type, ClusterIP, ExternalIP, Ports, Created and Age.'
    Links       = @('New-K8sService', 'Get-K8sServiceUrl', 'Remove-K8sService', 'kubectl get services')
}
