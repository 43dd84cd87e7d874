@{
    Synopsis    = 'Makes nodes schedulable again, as kubectl uncordon does (alias Uncordon-K8sNode).'
    Description = @'
Removes spec.unschedulable from each node, so the scheduler may place pods there again: pods left Pending because their node was cordoned or drained are scheduled. A node that is schedulable already is left as it is (-Verbose says so). Supports -WhatIf and -Confirm.
'@
    Parameters  = @{
        Name     = 'Names of the nodes; piped Get-K8sNode output binds here.'
        Selector = 'Every node matching this label selector.'
        PassThru = 'Writes each node as the server has it afterwards.'
        Context  = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Enable-K8sNodeScheduling minikube-m02'; Remarks = 'kubectl uncordon minikube-m02' }
        @{ Code = 'Get-K8sNode | Where-Object Unschedulable | Uncordon-K8sNode'; Remarks = 'Every cordoned node back in service.' }
    )
    Outputs     = 'None by default; with -PassThru, k8s.Models.V1Node.'
    Links       = @('Disable-K8sNodeScheduling', 'Clear-K8sNode', 'kubectl uncordon')
}
