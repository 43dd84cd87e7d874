@{
    Synopsis    = 'Deletes pods, as kubectl delete pod does.'
    Description = @'
Deletes each pod gracefully, as kubectl does; a pod that a deployment owns is replaced by a new one. Supports -WhatIf and -Confirm. A pod that cannot be deleted (not found, forbidden) gives one error for that pod, and the others are still deleted.
'@
    Parameters  = @{
        Name        = 'Names of the pods to delete.'
        Namespace   = 'The namespace of the pods. Default: the namespace of each piped object, else the context''s namespace.'
        InputObject = 'Pods to delete, from the pipeline: K8sPS objects, kubectl get -o json | ConvertFrom-Json objects (lists too), or names.'
        Context     = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sPod -Selector app=x | Remove-K8sPod'; Remarks = 'Deletes every pod labelled app=x.' }
        @{ Code = 'Remove-K8sPod web-5d8f7c-abcde -Namespace shop -WhatIf'; Remarks = 'Shows what would be deleted.' }
        @{ Code = 'kubectl get pods -o json | ConvertFrom-Json | Remove-K8sPod -Confirm'; Remarks = 'kubectl output works on the pipeline too.' }
    )
    Links       = @('Get-K8sPod', 'kubectl delete pod')
}
