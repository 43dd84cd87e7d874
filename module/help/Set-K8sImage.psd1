@{
    Synopsis    = 'Sets container images of a workload, as kubectl set image does.'
    Description = @'
Sets the image of containers in the pod template of a Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController or Job, or in a Pod, with the strategic merge patch kubectl sends. As kubectl, a name matches init containers as well as containers, and '*' matches all of them. A container already at that image is left alone; when nothing changes nothing is sent.

A container name the object does not have is an error (ContainerNotFound) that lists the names it has, and nothing is changed: kubectl would still patch the containers it found. -ChangeCause records kubernetes.io/change-cause on the object; the Deployment controller copies it to the new ReplicaSet, where Get-K8sRolloutHistory shows it.
'@
    Parameters  = @{
        Name        = 'Names of the workloads; kubectl''s kind/name form (statefulset/db, ds/agent) names the kind too.'
        Kind        = 'The kind of names given without one, and of piped objects that say none: Deployment (the default), StatefulSet, DaemonSet... Short names work (deploy, sts, ds, rs, rc).'
        InputObject = 'Workloads piped in: Get-K8sDeployment or Get-K8sResource output, ConvertFrom-K8sYaml or ConvertFrom-Json objects, objects with Name and Namespace.'
        Namespace   = 'The namespace of workloads that name none. Default: the context''s namespace.'
        Context     = 'The kubeconfig context to use. Default: the current context.'
        Image       = 'Container=image pairs: a hashtable (@{ web = ''nginx:1.25'' }) or ''web=nginx:1.25'' strings, several at once; ''*'' for every container.'
        ChangeCause = 'Why: recorded in the kubernetes.io/change-cause annotation, shown by Get-K8sRolloutHistory (kubectl''s CHANGE-CAUSE).'
        WhatIf      = 'Sends the change as a server dry run (kubectl --dry-run=server): the server checks it, nothing is stored, and the result says (server dry run).'
    }
    Examples    = @(
        @{ Code = 'Set-K8sImage web -Image web=nginx:1.25 -ChangeCause ''nginx 1.25'''; Remarks = 'kubectl set image deployment/web web=nginx:1.25, with a change cause. Needs: deployment/web.' }
        @{ Code = 'Set-K8sImage -Kind StatefulSet db -Image @{ ''*'' = ''postgres:16'' }'; Remarks = 'Every container (init containers too) of the StatefulSet db. Needs: statefulset/db.' }
        @{ Code = 'Get-K8sDeployment -Selector app=shop | Set-K8sImage -Image app=registry.local/shop:2.0'; Remarks = 'Every deployment of app shop. Needs: deployment/shop.' }
    )
    Outputs     = 'K8sPS.Engine.Rollouts.RolloutChange: the object (deployment.apps/web), the action (image updated), the containers changed (Detail), and the object as the server answered (Object).'
    Links       = @('Wait-K8sRollout', 'Get-K8sRolloutHistory', 'Undo-K8sRollout', 'kubectl set image')
}
