@{
    Synopsis    = 'Removes taints from nodes, as kubectl taint nodes NAME key:Effect- does.'
    Description = @'
Removes the taint of -Key and -Effect from each node, or every taint of -Key when no -Effect is given (kubectl's key-). -Taint takes kubectl's syntax (key:Effect or key, with or without its trailing -). As kubectl does, a taint the node does not have is an error for that node, and then none of its taints change. The node's whole list of taints is sent, with the resourceVersion the node was read at: when another writer changed the node since, the server answers 409 Conflict and the node is read again, so a taint added meanwhile is kept. Supports -WhatIf and -Confirm.
'@
    Parameters  = @{
        Name     = 'Names of the nodes; piped Get-K8sNode output binds here.'
        Selector = 'Every node matching this label selector.'
        Key      = 'The key of the taints to remove.'
        Effect   = 'Only the taint of this effect (NoSchedule, PreferNoSchedule, NoExecute); without it, every taint of the key.'
        Taint    = 'Taints in kubectl''s syntax: key:Effect or key (a trailing - is allowed).'
        PassThru = 'Writes each node as the server has it afterwards.'
        Context  = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Add-K8sNodeTaint minikube-m03 -Key dedicated -Value monitoring -Effect NoSchedule; Remove-K8sNodeTaint minikube-m03 -Key dedicated -Effect NoSchedule'; Remarks = 'kubectl taint nodes minikube-m03 dedicated:NoSchedule-' }
        @{ Code = 'Add-K8sNodeTaint minikube-m03 -Taint ''dedicated=gpu:NoSchedule''; Remove-K8sNodeTaint minikube-m03 -Key dedicated'; Remarks = 'Every taint of key dedicated (kubectl taint nodes minikube-m03 dedicated-).' }
    )
    Outputs     = 'None by default; with -PassThru, k8s.Models.V1Node.'
    Links       = @('Add-K8sNodeTaint', 'Get-K8sNode', 'kubectl taint')
}
