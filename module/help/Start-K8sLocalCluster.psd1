@{
    Synopsis    = 'Starts a local Kubernetes cluster (real control plane, simulated nodes) in the background, as minikube start does.'
    Description = @'
Starts etcd, kube-apiserver, kube-controller-manager and kube-scheduler (Kubernetes 1.20.2) and a node simulator in a background process that outlives this PowerShell session. Everything listens on 127.0.0.1 only, on free ports; clients authenticate with certificates from a certificate authority made for this cluster, with RBAC and Node authorization.

A kubeconfig context named after the cluster is written into your kubeconfig (the first file of KUBECONFIG, else ~/.kube/config) and made current, or into a file of its own with -KubeconfigPath. State, certificates, etcd data and logs live in ~/.k8sps/clusters/<name> (K8SPS_HOME moves it), readable by you only. A stopped cluster starts again from its data (a warm start).

The binaries come from -BinPath, else K8SPS_KUBE_BIN, else the cache that ./build.sh -Task Bootstrap fills. A missing binary, a port already taken, or a cluster already running is an error and nothing is started.
'@
    Parameters  = @{
        Name           = 'The cluster''s name: also its kubeconfig context and its first node''s name. Lower-case letters, digits and ''-''. Default: k8sps.'
        NodeCount      = 'How many simulated nodes: <name>, <name>-m02, <name>-m03, ... Default: 1, or for a stopped cluster the count it had.'
        BinPath        = 'A folder holding etcd, kube-apiserver, kube-controller-manager and kube-scheduler. Default: K8SPS_KUBE_BIN, else the K8sPS cache (~/.cache/k8sps/kubernetes-1.20.2/bin).'
        KubeconfigPath = 'A kubeconfig file to write the context into instead of your own kubeconfig. Created owner-only if missing; other entries in it are kept.'
        ApiServerPort  = 'The apiserver''s port on 127.0.0.1. Default: the port of the previous start if still free, else any free port.'
        NoWait         = 'Returns as soon as the background process runs, before the cluster is usable. Without it the cmdlet waits, showing progress, until the apiserver is ready and every node is Ready, then returns the running cluster (as minikube start does).'
        Wait           = 'Accepted for scripts written when waiting was not the default; it changes nothing.'
        TimeoutSeconds = 'How long to wait for the cluster to be usable before giving up with an error (the cluster keeps starting). Default: 180.'
    }
    Examples    = @(
        @{ Code = 'Start-K8sLocalCluster -NodeCount 3'; Remarks = 'Starts the cluster k8sps with 3 nodes, waits until it is usable and makes its context current; kubectl get nodes then shows k8sps, k8sps-m02 and k8sps-m03 Ready.' }
        @{ Code = 'Start-K8sLocalCluster -Name later -NoWait; Get-K8sLocalCluster later'; Remarks = 'Returns at once; Get-K8sLocalCluster shows the cluster Starting, then Running.' }
        @{ Code = 'Start-K8sLocalCluster -Name ci -KubeconfigPath ./ci.kubeconfig; $env:KUBECONFIG = "$PWD/ci.kubeconfig"'; Remarks = 'A cluster for a test run, with a kubeconfig of its own that leaves ~/.kube/config alone.' }
        @{ Code = 'Start-K8sLocalCluster -Name demo -WhatIf'; Remarks = 'Checks the binaries, the name and the port, and says what would be started.' }
    )
    Links       = @('Stop-K8sLocalCluster', 'Get-K8sLocalCluster', 'minikube start')
}
