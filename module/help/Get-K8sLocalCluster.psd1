@{
    Synopsis    = 'Lists local clusters with their state, API URL, nodes, context, uptime and component health, as minikube profile list does.'
    Description = @'
Reads each cluster's state from ~/.k8sps/clusters (K8SPS_HOME moves it) and checks it against the running processes: State is Starting, Running, Stopping, Stopped, Failed, or Crashed when the state says running but its background process is gone. Nodes shows Ready/total; Components holds the health, pid and restart count of etcd, kube-apiserver, kube-controller-manager and kube-scheduler.
'@
    Parameters  = @{
        Name = 'Names of the clusters to show; wildcards allowed. Default: every cluster. A name without wildcards that does not exist is an error (ObjectNotFound).'
    }
    Examples    = @(
        @{ Code = 'Get-K8sLocalCluster'; Remarks = 'A table of every local cluster: NAME, STATE, NODES, API SERVER, CONTEXT, UPTIME, HEALTH.' }
        @{ Code = 'Get-K8sLocalCluster | Select-Object -First 1 -ExpandProperty Components'; Remarks = 'The health, pid and restarts of each control-plane process.' }
    )
    Links       = @('Start-K8sLocalCluster', 'Stop-K8sLocalCluster', 'minikube profile list')
}
