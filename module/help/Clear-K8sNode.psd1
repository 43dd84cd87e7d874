@{
    Synopsis    = 'Drains nodes, as kubectl drain does (alias Drain-K8sNode): cordons them, then evicts their pods.'
    Description = @'
Cordons each node, then evicts its pods through the Eviction API (policy/v1beta1 on Kubernetes 1.20, policy/v1 where the server serves it, as discovery says), so PodDisruptionBudgets are respected: an eviction a budget refuses is asked again every 5 seconds, and each refusal is a warning that names the pod it waits for and the budget's reason ("The disruption budget web needs 2 healthy pods and has 2 currently"). Then it waits until every evicted pod is gone, with progress per pod, and writes what it evicted.

As kubectl drain, it refuses the drain (evicting nothing) when a pod may not go without a switch: DaemonSet pods (-IgnoreDaemonSets leaves them where they are; they are never evicted), pods with emptyDir data (-DeleteEmptyDirData: the data is lost), pods no controller manages (-Force: they are not recreated). Mirror pods are left alone. A refused drain leaves the node cordoned, as kubectl does. -TimeoutSeconds ends the wait with an error naming every pod still there and why; the node stays cordoned, and Enable-K8sNodeScheduling makes it schedulable again. Without an Eviction API, or with -DisableEviction, pods are deleted instead (budgets are then not consulted). -WhatIf says which pods would be evicted, and whether the drain would be refused.
'@
    Parameters  = @{
        Name               = 'Names of the nodes to drain; piped Get-K8sNode output binds here.'
        Selector           = 'Drains every node matching this label selector, one after another.'
        PodSelector        = 'Evicts only the pods matching this label selector (kubectl --pod-selector).'
        IgnoreDaemonSets   = 'Leaves DaemonSet pods on the node instead of refusing the drain (kubectl --ignore-daemonsets).'
        DeleteEmptyDirData = 'Evicts pods with emptyDir volumes too; their data is lost (kubectl --delete-emptydir-data).'
        Force              = 'Evicts pods that no ReplicationController, ReplicaSet, Job, DaemonSet or StatefulSet manages; they are not recreated (kubectl --force).'
        GracePeriodSeconds = 'Seconds each pod gets to stop. Negative (the default): the pod''s own terminationGracePeriodSeconds (kubectl --grace-period).'
        TimeoutSeconds     = 'Gives up after this many seconds, with an error naming the pods still there. 0 (the default): waits as long as it takes (kubectl --timeout).'
        DisableEviction    = 'Deletes the pods instead of evicting them: PodDisruptionBudgets are not consulted (kubectl --disable-eviction).'
        Context            = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Clear-K8sNode minikube-m02 -IgnoreDaemonSets -Verbose'; Remarks = 'kubectl drain minikube-m02 --ignore-daemonsets, printing each eviction.' }
        @{ Code = 'Drain-K8sNode minikube-m02 -IgnoreDaemonSets -DeleteEmptyDirData -TimeoutSeconds 120'; Remarks = 'Gives up after two minutes if a disruption budget holds a pod back.' }
        @{ Code = 'Clear-K8sNode minikube-m02 -WhatIf'; Remarks = 'Which pods would be evicted, and whether the drain would be refused.' }
        @{ Code = 'Clear-K8sNode minikube-m02 -IgnoreDaemonSets; <# maintenance #>; Enable-K8sNodeScheduling minikube-m02'; Remarks = 'Drain, then bring the node back.' }
    )
    Outputs     = 'K8sPS.Engine.Nodes.NodeDrainResult: Node, Evicted (namespace/name of each pod evicted and gone), Ignored (pods left on purpose) and Warnings.'
    Links       = @('Disable-K8sNodeScheduling', 'Enable-K8sNodeScheduling', 'Get-K8sNode', 'kubectl drain')
}
