@{
    Synopsis    = 'Injects a fault into a local cluster: kills, stops, continues or restarts one control-plane process.'
    Description = @'
Asks the cluster's supervisor to do one thing to etcd, kube-apiserver, kube-controller-manager or kube-scheduler, and returns what it did once it is done:

- Kill sends SIGKILL, as a crash would. The supervisor restarts the process as after any crash (within a second the first time, with growing pauses if it keeps dying), and Get-K8sLocalCluster counts the restart.
- Stop sends SIGSTOP: the process freezes with its connections open, so clients see a server that stalls rather than one that refuses. With -Duration the supervisor continues it after that time; without, it stays stopped until Continue.
- Continue sends SIGCONT.
- Restart stops the process with SIGTERM and starts it again, as a planned restart; counted as a restart.

Meant for tests and for trying runbooks against failures. Get-K8sLocalCluster shows a fault still in force in each component's Fault property. The cluster must be Running; a request the supervisor does not answer within 20 s (45 s for Restart) is an error (LocalClusterFaultTimeout) and is withdrawn.
'@
    Parameters  = @{
        Name      = 'The local cluster. Default: k8sps.'
        Component = 'The process: etcd, kube-apiserver, kube-controller-manager or kube-scheduler.'
        Action    = 'Kill (SIGKILL, then restarted by the supervisor), Stop (SIGSTOP), Continue (SIGCONT) or Restart (SIGTERM, then started again).'
        Duration  = 'With Stop, continue the process after this long; with Kill, restart it no sooner than after this long (an outage that long). Takes 5s, 1m30s, seconds, or a TimeSpan.'
    }
    Examples    = @(
        @{ Code = 'Invoke-K8sLocalClusterFault -Name dev -Component kube-apiserver -Action Kill'; Remarks = 'Kills the API server of the cluster dev; the supervisor starts it again, as after a crash.' }
        @{ Code = 'Invoke-K8sLocalClusterFault dev kube-apiserver Stop -Duration 5s; Wait-K8sRollout deployment/web'; Remarks = 'Stalls the API server for 5 seconds while a rollout is waited for.' }
        @{ Code = 'Invoke-K8sLocalClusterFault dev etcd Kill -Duration 10s'; Remarks = 'Takes etcd down for at least 10 seconds.' }
        @{ Code = '(Get-K8sLocalCluster dev).Components | Format-Table Name, Health, Restarts, Fault'; Remarks = 'Shows each process''s health, how often it was restarted, and any fault in force.' }
    )
    Links       = @('Get-K8sLocalCluster', 'Start-K8sLocalCluster', 'Stop-K8sLocalCluster')
}
