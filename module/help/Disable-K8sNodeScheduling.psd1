@{
    Synopsis    = 'Marks nodes unschedulable, as kubectl cordon does (alias Cordon-K8sNode).'
    Description = @'
Sets spec.unschedulable on each node: the scheduler places no new pod there, and the pods the node runs stay. Get-K8sNode then shows STATUS Ready,SchedulingDisabled. A node already cordoned is left as it is (-Verbose says so, as kubectl's "already cordoned"). Enable-K8sNodeScheduling undoes it; Clear-K8sNode cordons and then evicts the node's pods. Supports -WhatIf and -Confirm.
'@
    Parameters  = @{
        Name     = 'Names of the nodes; piped Get-K8sNode output binds here.'
        Selector = 'Every node matching this label selector.'
        PassThru = 'Writes each node as the server has it afterwards.'
        Context  = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Disable-K8sNodeScheduling minikube-m02'; Remarks = 'kubectl cordon minikube-m02' }
        @{ Code = 'Cordon-K8sNode minikube-m02 -Verbose'; Remarks = 'The same with kubectl''s name, saying node/minikube-m02 cordoned.' }
    )
    Outputs     = 'None by default; with -PassThru, k8s.Models.V1Node.'
    Links       = @('Enable-K8sNodeScheduling', 'Clear-K8sNode', 'kubectl cordon')
}
