@{
    Synopsis    = 'Creates a HorizontalPodAutoscaler for a deployment, replica set, stateful set or replication controller, as kubectl autoscale does. Alias: Autoscale-K8sDeployment.'
    Description = @'
Makes the HorizontalPodAutoscaler kubectl autoscale makes: it scales the target between -Min (default: the server's, 1) and -Max replicas to keep the pods' average CPU use at -CpuPercent of their CPU requests (default: the server's, 80%). It is created in the best autoscaling version the server serves, from discovery: autoscaling/v2, else autoscaling/v2beta2 (a 1.20 server), else autoscaling/v1.

The target is a name (of -Kind, Deployment by default), kubectl's TYPE/NAME (deployment/web, sts/db, rs/x, rc/y), or a workload from the pipeline (Get-K8sDeployment web | New-K8sHorizontalPodAutoscaler -Max 10 -CpuPercent 50). Bad limits are refused with kubectl's words before anything is sent (-Max below -Min, -Max below 1); the target is read first, so a missing one is kubectl's NotFound error and nothing is created. When a container of the target's pods has no CPU request a warning says so: the controller cannot compute CPU utilization for such pods and reports ScalingActive False (FailedGetResourceMetric: missing request for cpu), which Get-K8sHorizontalPodAutoscaler shows. -WhatIf checks all of this and creates nothing.
'@
    Parameters  = @{
        Target     = 'The workload to autoscale: a name, TYPE/NAME as kubectl autoscale takes it (deployment/web, sts/db), or a K8sPS or kubectl JSON object from the pipeline.'
        Kind       = 'The kind of a target given by plain name: Deployment (default), ReplicaSet, StatefulSet or ReplicationController (kubectl''s deploy, rs, sts, rc too). A piped object names its own kind.'
        Max        = 'The most replicas the autoscaler may set (kubectl --max); at least 1 and at least -Min.'
        Min        = 'The fewest replicas (kubectl --min). Default: the server''s, 1.'
        CpuPercent = 'The average CPU utilization to aim at, in percent of the pods'' CPU requests (kubectl --cpu-percent). Default: the server''s, 80.'
        Name       = 'The autoscaler''s name (kubectl --name). Default: the target''s name.'
        Namespace  = 'The namespace of the target and the autoscaler. Default: the piped object''s own, else the context''s.'
        Context    = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Autoscale-K8sDeployment web -Min 1 -Max 10 -CpuPercent 50'; Remarks = 'kubectl autoscale deployment web --min=1 --max=10 --cpu-percent=50. Needs: deployment/web.' }
        @{ Code = 'Get-K8sDeployment web | New-K8sHorizontalPodAutoscaler -Max 10 -CpuPercent 50'; Remarks = 'The same, for a deployment from the pipeline. Needs: deployment/web.' }
        @{ Code = 'New-K8sHorizontalPodAutoscaler sts/db -Max 3 -Name db-autoscaler -WhatIf'; Remarks = 'Checks an autoscaler for stateful set db without creating it. Needs: statefulset/db.' }
    )
    Outputs     = 'k8s.Models.V2HorizontalPodAutoscaler (autoscaling/v2 or v2beta2) as the server created it; k8s.Models.V1HorizontalPodAutoscaler on a server that serves only autoscaling/v1.'
    Links       = @('Get-K8sHorizontalPodAutoscaler', 'Remove-K8sHorizontalPodAutoscaler', 'Get-K8sTop', 'kubectl autoscale')
}
