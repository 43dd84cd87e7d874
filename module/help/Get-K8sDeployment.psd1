@{
    Synopsis    = 'Gets deployments, as kubectl get deployments does.'
    Description = @'
Writes the deployments as KubernetesClient V1Deployment objects, shown like kubectl: NAME READY UP-TO-DATE AVAILABLE AGE. Those columns are real properties (Name, Ready, UpToDate, Available, Age) for Where-Object and Sort-Object; Replicas is the desired count.
'@
    Parameters  = @{
        Name          = 'Names of the deployments to get. Wildcards are allowed. Without -Name, every deployment of the namespace.'
        Namespace     = 'The namespace to look in. Default: the context''s namespace.'
        AllNamespaces = 'Looks in every namespace (kubectl -A). Use Format-Table -View AllNamespaces to see the NAMESPACE column.'
        Selector      = 'A label selector, as kubectl -l: app=web, tier!=db, env in (dev,qa).'
        FieldSelector = 'A field selector, as kubectl --field-selector: status.phase=Running, spec.nodeName=node-1.'
        Context       = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sDeployment'; Remarks = 'kubectl get deployments' }
        @{ Code = 'Get-K8sDeployment -AllNamespaces | Where-Object { $_.Available -lt $_.Replicas }'; Remarks = 'Deployments that have fewer available pods than they want.' }
        @{ Code = 'Get-K8sDeployment web | Expose-K8sService -Port 8080 -Type NodePort'; Remarks = 'Exposes an existing deployment. Needs: deployment/web.' }
    )
    Outputs     = 'k8s.Models.V1Deployment, with the properties Name, Namespace, Labels, Ready, UpToDate, Available, Replicas, Created and Age.'
    Links       = @('New-K8sDeployment', 'Remove-K8sDeployment', 'kubectl get deployments')
}
