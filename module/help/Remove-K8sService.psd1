@{
    Synopsis    = 'Deletes services, as kubectl delete service does.'
    Description = 'Deletes each service. Supports -WhatIf and -Confirm; one error per service that fails.'
    Parameters  = @{
        Name        = 'Names of the services to delete.'
        Namespace   = 'The namespace of the services. Default: the namespace of each piped object, else the context''s namespace.'
        InputObject = 'Services to delete, from the pipeline: K8sPS objects, kubectl get -o json | ConvertFrom-Json objects (lists too), or names.'
        Context     = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Remove-K8sService first-app'; Remarks = 'kubectl delete service first-app' }
        @{ Code = 'Get-K8sService | Where-Object Type -eq LoadBalancer | Remove-K8sService'; Remarks = 'Deletes the LoadBalancer services of the namespace.' }
    )
    Links       = @('New-K8sService', 'Get-K8sService', 'kubectl delete service')
}
