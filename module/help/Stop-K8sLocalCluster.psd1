@{
    Synopsis    = 'Stops a local cluster, as minikube stop does; with -Remove also deletes it, as minikube delete does.'
    Description = @'
Stops the cluster's background process, which stops kube-scheduler, kube-controller-manager, kube-apiserver and etcd in that order; no process is left and every port is freed. Processes left by a supervisor that crashed are stopped too. The cluster's data is kept, so Start-K8sLocalCluster starts it again where it was.

With -Remove the state folder (etcd data, certificates, logs) and the cluster's kubeconfig entries are deleted as well. Stopping a cluster that does not exist is an error (ObjectNotFound).
'@
    Parameters  = @{
        Name   = 'The cluster to stop. Default: k8sps. Binds from the pipeline, so Get-K8sLocalCluster | Stop-K8sLocalCluster stops every cluster.'
        Remove = 'Also deletes the cluster''s state folder and its context, cluster and user entries in the kubeconfig it was written to.'
    }
    Examples    = @(
        @{ Code = 'Stop-K8sLocalCluster'; Remarks = 'Stops the cluster k8sps, keeping its data.' }
        @{ Code = 'Stop-K8sLocalCluster -Name ci -Remove'; Remarks = 'Stops the cluster ci and deletes everything it had, including its kubeconfig context.' }
        @{ Code = 'Get-K8sLocalCluster | Where-Object State -eq Running | Stop-K8sLocalCluster -WhatIf'; Remarks = 'Shows which running clusters would be stopped.' }
    )
    Links       = @('Start-K8sLocalCluster', 'Get-K8sLocalCluster', 'minikube stop', 'minikube delete')
}
