@{
    Synopsis    = 'Sets the number of replicas of a workload, as kubectl scale does.'
    Description = @'
Sets the replicas of a Deployment, ReplicaSet, StatefulSet or ReplicationController through its scale subresource, as kubectl scale: a merge patch when there is no precondition; with -CurrentReplicas or -ResourceVersion the scale is read, checked and replaced (so a change in between is a conflict, read and checked again). A precondition that does not hold is an error (ScalePreconditionFailed, kubectl's "Expected replicas to be 3, was 2") and nothing is changed. Scale-K8sResource is the kubectl-shaped alias.
'@
    Parameters  = @{
        Name            = 'Names of the workloads; kubectl''s kind/name form (statefulset/db, ds/agent) names the kind too.'
        Kind            = 'The kind of names given without one: Deployment (the default), ReplicaSet, StatefulSet, ReplicationController.'
        InputObject     = 'Workloads piped in: Get-K8sDeployment or Get-K8sResource output, ConvertFrom-K8sYaml or ConvertFrom-Json objects, objects with Name and Namespace.'
        Namespace       = 'The namespace of workloads that name none. Default: the context''s namespace.'
        Context         = 'The kubeconfig context to use. Default: the current context.'
        Replicas        = 'The number of replicas wanted (0 or more).'
        CurrentReplicas = 'kubectl --current-replicas: scale only if the workload has this many replicas now.'
        ResourceVersion = 'kubectl --resource-version: scale only if the scale subresource has this resourceVersion now.'
        WhatIf          = 'Sends the change as a server dry run (kubectl --dry-run=server): the server checks it, nothing is stored, and the result says (server dry run).'
    }
    Examples    = @(
        @{ Code = 'Set-K8sScale web -Replicas 5'; Remarks = 'kubectl scale deployment/web --replicas=5. Needs: deployment/web.' }
        @{ Code = 'Set-K8sScale web -Replicas 5 -CurrentReplicas 2'; Remarks = 'kubectl scale --current-replicas=2 --replicas=5 deployment/web. Needs: deployment/web.' }
        @{ Code = 'Scale-K8sResource sts/db -Replicas 0'; Remarks = 'The alias, with kubectl''s kind/name. Needs: statefulset/db.' }
    )
    Outputs     = 'K8sPS.Engine.Rollouts.RolloutChange: scaled, with the Scale the server answered (Object).'
    Links       = @('Wait-K8sRollout', 'kubectl scale')
}
