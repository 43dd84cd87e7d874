@{
    Synopsis    = 'Adds a taint to nodes, as kubectl taint nodes NAME key=value:Effect does.'
    Description = @'
Taints each node, named by -Name (or piped Get-K8sNode output) or chosen by -Selector: pods without a matching toleration are not scheduled there (NoSchedule), avoided there (PreferNoSchedule), or also evicted from it (NoExecute). Give the taint as -Key, -Value and -Effect, or in kubectl's syntax with -Taint 'key=value:Effect'.

As kubectl does, a taint of the same key and effect is replaced only with -Overwrite; without it that node is refused and keeps its taints. The key and value are checked by kubectl's rules before anything is sent (the key a label key, the value a label value, the effect one of NoSchedule, PreferNoSchedule, NoExecute), and a bad one is refused in kubectl's words. The node's whole list of taints is sent, with the resourceVersion the node was read at: when another writer changed the node since, the server answers 409 Conflict and the node is read again, so a taint added meanwhile is kept. Supports -WhatIf and -Confirm.
'@
    Parameters  = @{
        Name      = 'Names of the nodes to taint; piped Get-K8sNode output binds here.'
        Selector  = 'Taints every node matching this label selector.'
        Key       = 'The taint''s key, a label key: dedicated, example.com/gpu.'
        Value     = 'The taint''s value (optional), a label value.'
        Effect    = 'NoSchedule, PreferNoSchedule or NoExecute.'
        Taint     = 'Taints in kubectl''s syntax: key=value:Effect or key:Effect.'
        Overwrite = 'Replaces a taint of the same key and effect (kubectl --overwrite).'
        PassThru  = 'Writes each node as the server has it afterwards.'
        Context   = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Add-K8sNodeTaint minikube-m03 -Key dedicated -Value monitoring -Effect NoSchedule'; Remarks = 'kubectl taint nodes minikube-m03 dedicated=monitoring:NoSchedule' }
        @{ Code = 'Add-K8sNodeTaint minikube-m03 -Taint ''dedicated=gpu:NoSchedule'' -Overwrite'; Remarks = 'kubectl''s syntax; replaces the NoSchedule taint of key dedicated.' }
        @{ Code = 'Get-K8sNode -Selector disktype=hdd | Add-K8sNodeTaint -Key slow -Effect PreferNoSchedule'; Remarks = 'Makes the scheduler avoid every node labelled disktype=hdd.' }
    )
    Outputs     = 'None by default; with -PassThru, k8s.Models.V1Node.'
    Links       = @('Remove-K8sNodeTaint', 'Get-K8sNode', 'kubectl taint')
}
