@{
    Synopsis    = 'Deletes HorizontalPodAutoscalers, as kubectl delete hpa does.'
    Description = @'
Deletes each autoscaler; the workload it scaled keeps the replica count it has. Supports -WhatIf and -Confirm; one error per autoscaler that fails (kubectl's NotFound for one that does not exist). -Wait waits until every deleted autoscaler is gone.
'@
    Parameters  = @{
        Name        = 'Names of the autoscalers to delete.'
        Namespace   = 'The namespace of the autoscalers. Default: the namespace of each piped object, else the context''s namespace.'
        InputObject = 'Autoscalers to delete, from the pipeline: Get-K8sHorizontalPodAutoscaler output, kubectl get -o json | ConvertFrom-Json objects, or names.'
        Wait        = 'Waits until every deleted autoscaler is gone, after all deletions are sent.'
        Context     = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Remove-K8sHorizontalPodAutoscaler web'; Remarks = 'kubectl delete hpa web. Needs: deployment/web, horizontalpodautoscaler/web.' }
        @{ Code = 'Get-K8sHorizontalPodAutoscaler | Remove-K8sHorizontalPodAutoscaler -WhatIf'; Remarks = 'Shows which autoscalers would be deleted.' }
    )
    Links       = @('New-K8sHorizontalPodAutoscaler', 'Get-K8sHorizontalPodAutoscaler', 'kubectl delete hpa')
}
