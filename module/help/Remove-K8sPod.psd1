@{
    Synopsis    = 'Deletes pods, as kubectl delete pod does.'
    Description = @'
Deletes each pod gracefully, as kubectl does; a pod that a deployment owns is replaced by a new one. Supports -WhatIf and -Confirm. A pod that cannot be deleted (not found, forbidden) gives one error for that pod, and the others are still deleted. Deletions are sent up to 16 at a time: a piped object does not wait for the previous deletion to finish, and errors are still reported per object, in input order. -Wait waits at the end until every deleted pod is gone (up to 120 seconds), with progress.
'@
    Parameters  = @{
        Name        = 'Names of the pods to delete.'
        Namespace   = 'The namespace of the pods. Default: the namespace of each piped object, else the context''s namespace.'
        InputObject = 'Pods to delete, from the pipeline: K8sPS objects, kubectl get -o json | ConvertFrom-Json objects (lists too), or names.'
        Wait        = 'Waits until every deleted pod is gone, after all deletions are sent.'
        Context     = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sPod -Selector app=x | Remove-K8sPod'; Remarks = 'Deletes every pod labelled app=x.' }
        @{ Code = 'Get-K8sPod -Selector app=x | Remove-K8sPod -Wait'; Remarks = 'Deletes every pod labelled app=x, sending the deletions concurrently, and waits until those pods are gone.' }
        @{ Code = 'Remove-K8sPod web-5d8f7c-abcde -Namespace shop -WhatIf'; Remarks = 'Shows what would be deleted.' }
        @{ Code = 'kubectl get pods -o json | ConvertFrom-Json | Remove-K8sPod -Confirm'; Remarks = 'kubectl output works on the pipeline too.' }
    )
    Links       = @('Get-K8sPod', 'kubectl delete pod')
}
