@{
    Synopsis    = 'Shows the CPU and memory pods (or their containers) and nodes use now, as kubectl top pod and kubectl top node do.'
    Description = @'
Reads the metrics.k8s.io API through the apiserver, as kubectl top does, and writes one row per pod (per container with -Containers) or per node, with kubectl top's columns: NAME CPU(cores) MEMORY(bytes) for pods (NAMESPACE in front with -AllNamespaces, POD in front of the container's NAME with -Containers), and NAME CPU(cores) CPU(%) MEMORY(bytes) MEMORY(%) for nodes, the percentages of the node's allocatable CPU and memory (of its capacity with -ShowCapacity). The values are kubectl's: CPU in millicores rounded up, memory in whole MiB rounded down on screen; the exact numbers are properties (CpuMillicores, MemoryBytes, CpuPercent, MemoryPercent) for Sort-Object, Where-Object and Measure-Object -Sum.

The first argument is kubectl's: pods (the default; pod and po too) or nodes (node, no), so Get-K8sTop nodes and Get-K8sTop pods web-1 read as kubectl top nodes and kubectl top pods web-1. Names may have wildcards, and pods may come from the pipeline (Get-K8sPod -Selector app=web | Get-K8sTop); rows are written once every input is read, sorted by namespace and name, or by -Sort cpu or memory, largest first.

A cluster that does not serve metrics.k8s.io (no metrics-server, or its APIService gone) gives one terminating error, MetricsApiNotAvailable, with kubectl's words: Metrics API not available. Pods that exist but have no metrics give kubectl's errors (metrics not available yet; Metrics not available for pod ns/name, age: 2m30s); a namespace without pods writes nothing. A K8sPS local cluster serves the API from simulated usage: see the sim.k8sps.io/cpu and sim.k8sps.io/memory annotations in its README.
'@
    Parameters  = @{
        Resource      = 'What to show: Pods (default) or Nodes. kubectl''s words pod, po, pods, node, no and nodes are accepted.'
        Name          = 'Names of the pods (or nodes) to show; wildcards select among all. Default: every pod of the namespace (every node). Bound from piped objects'' Name.'
        Namespace     = 'The namespace of the pods. Default: the context''s namespace. Bound from piped objects'' Namespace. Not used for nodes.'
        AllNamespaces = 'Pods of every namespace, with a NAMESPACE column (kubectl -A).'
        Selector      = 'A label selector for the pods (or nodes), as kubectl -l: app=web, tier!=db.'
        Containers    = 'One row per container, the pod''s name in a POD column (kubectl --containers).'
        Sort          = 'cpu or memory: largest first (kubectl --sort-by). Default: by namespace and name.'
        ShowCapacity  = 'For nodes: CPU(%) and MEMORY(%) of the node''s capacity instead of its allocatable resources (kubectl --show-capacity).'
        Context       = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sTop'; Remarks = 'kubectl top pods: every pod of the current namespace.' }
        @{ Code = 'Get-K8sTop -AllNamespaces -Sort cpu | Select-Object -First 5'; Remarks = 'The five pods using the most CPU in the cluster.' }
        @{ Code = 'Get-K8sTop pods -Selector app=web -Containers'; Remarks = 'kubectl top pods -l app=web --containers: each container of the web pods. Needs: deployment/web.' }
        @{ Code = 'Get-K8sTop nodes'; Remarks = 'kubectl top nodes: usage per node, with percentages of allocatable.' }
        @{ Code = '(Get-K8sTop -Selector app=web | Measure-Object CpuMillicores -Sum).Sum'; Remarks = 'The millicores all web pods use together. Needs: deployment/web.' }
    )
    Outputs     = 'K8sPS.Engine.Metrics.PodUsageRow (Namespace, Pod, Container, Name, CpuMillicores, MemoryBytes, CpuText, MemoryText) or K8sPS.Engine.Metrics.NodeUsageRow (Name, CpuMillicores, CpuPercent, MemoryBytes, MemoryPercent, HasMetrics and the texts).'
    Links       = @('Get-K8sPod', 'New-K8sHorizontalPodAutoscaler', 'kubectl top pod', 'kubectl top node')
}
