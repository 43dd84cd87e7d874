@{
    Synopsis    = 'Deletes deployments, as kubectl delete deployment does.'
    Description = @'
Deletes each deployment; its replica sets and pods are removed by the cluster's garbage collector in the background, as with kubectl. Supports -WhatIf and -Confirm; one error per deployment that fails. Deletions are sent up to 16 at a time: a piped object does not wait for the previous deletion to finish, and errors are still reported per object, in input order. -Wait waits at the end until every deleted deployment is gone (up to 120 seconds), with progress.
'@
    Parameters  = @{
        Name        = 'Names of the deployments to delete.'
        Namespace   = 'The namespace of the deployments. Default: the namespace of each piped object, else the context''s namespace.'
        InputObject = 'Deployments to delete, from the pipeline: K8sPS objects, kubectl get -o json | ConvertFrom-Json objects (lists too), or names.'
        Wait        = 'Waits until every deleted deployment is gone, after all deletions are sent.'
        Context     = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Remove-K8sDeployment first-app'; Remarks = 'kubectl delete deployment first-app. Needs: deployment/first-app.' }
        @{ Code = 'Get-K8sDeployment -Selector team=web | Remove-K8sDeployment -WhatIf'; Remarks = 'Shows which deployments would be deleted.' }
    )
    Links       = @('New-K8sDeployment', 'Get-K8sDeployment', 'kubectl delete deployment')
}
