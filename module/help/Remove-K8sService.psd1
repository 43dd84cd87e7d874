@{
    Synopsis    = 'Deletes services, as kubectl delete service does.'
    Description = 'Deletes each service. Supports -WhatIf and -Confirm; one error per service that fails. Deletions are sent up to 16 at a time: a piped object does not wait for the previous deletion to finish, and errors are still reported per object, in input order. -Wait waits at the end until every deleted service is gone (up to 120 seconds), with progress.'
    Parameters  = @{
        Name        = 'Names of the services to delete.'
        Namespace   = 'The namespace of the services. Default: the namespace of each piped object, else the context''s namespace.'
        InputObject = 'Services to delete, from the pipeline: K8sPS objects, kubectl get -o json | ConvertFrom-Json objects (lists too), or names.'
        Wait        = 'Waits until every deleted service is gone, after all deletions are sent.'
        Context     = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Remove-K8sService first-app'; Remarks = 'kubectl delete service first-app. Needs: deployment/first-app, service/first-app.' }
        @{ Code = 'Get-K8sService | Where-Object Type -eq LoadBalancer | Remove-K8sService'; Remarks = 'Deletes the LoadBalancer services of the namespace.' }
    )
    Links       = @('New-K8sService', 'Get-K8sService', 'kubectl delete service')
}
