@{
    Synopsis    = 'Gets nodes, as kubectl get nodes does (-Wide: kubectl get nodes -o wide).'
    Description = @'
Writes the nodes as KubernetesClient V1Node objects, shown like kubectl: NAME STATUS ROLES AGE VERSION. With -Wide the table adds INTERNAL-IP, EXTERNAL-IP, OS-IMAGE, KERNEL-VERSION and CONTAINER-RUNTIME, as kubectl get nodes -o wide (Format-Table -View Wide does the same for any node).

Every column is a property (Name, State, Roles, Age, Version, InternalIP, ExternalIP, OSImage, KernelVersion, ContainerRuntime), and so are Labels, Taints, Unschedulable (cordoned), Capacity and Allocatable (name to quantity: cpu, memory, pods) and Conditions, for Where-Object and Sort-Object. STATUS reads Ready, NotReady or Unknown from the Ready condition, then SchedulingDisabled for a cordoned node.
'@
    Parameters  = @{
        Name          = 'Names of the nodes to get. Wildcards are allowed. Without -Name, every node.'
        Selector      = 'A label selector, as kubectl -l: disktype=ssd, kubernetes.io/os in (linux), !node-role.kubernetes.io/master.'
        FieldSelector = 'A field selector, as kubectl --field-selector: spec.unschedulable=true.'
        Wide          = 'Shows the columns of kubectl get nodes -o wide.'
        Context       = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sNode'; Remarks = 'kubectl get nodes' }
        @{ Code = 'Get-K8sNode -Wide'; Remarks = 'kubectl get nodes -o wide' }
        @{ Code = 'Get-K8sNode | Where-Object { $_.Taints.Count -gt 0 } | Select-Object Name, Taints'; Remarks = 'Nodes that carry taints, and which.' }
        @{ Code = 'Get-K8sNode -Selector hardware=helloworld-only-node'; Remarks = 'Nodes with that label (kubectl get nodes -l hardware=helloworld-only-node).' }
        @{ Code = '(Get-K8sNode minikube).Allocatable.cpu'; Remarks = 'How much CPU pods may request on the node.' }
    )
    Outputs     = 'k8s.Models.V1Node, with the properties Name, Labels, State, Roles, Version, Age, InternalIP, ExternalIP, OSImage, KernelVersion, ContainerRuntime, Taints, Unschedulable, Capacity, Allocatable and Conditions.'
    Links       = @('Set-K8sNodeLabel', 'Add-K8sNodeTaint', 'Disable-K8sNodeScheduling', 'Clear-K8sNode', 'kubectl get nodes')
}
