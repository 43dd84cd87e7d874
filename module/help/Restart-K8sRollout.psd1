@{
    Synopsis    = 'Replaces every pod of a workload, as kubectl rollout restart does.'
    Description = @'
Stamps the pod template of a Deployment, StatefulSet or DaemonSet with kubectl.kubernetes.io/restartedAt (the time now), which makes its controller replace every pod in a new rollout, as kubectl rollout restart. A paused Deployment is refused, as kubectl refuses it. Follow the rollout with Wait-K8sRollout.
'@
    Parameters  = @{
        Name        = 'Names of the workloads; kubectl''s kind/name form (statefulset/db, ds/agent) names the kind too.'
        Kind        = 'The kind of names given without one, and of piped objects that say none: Deployment (the default), StatefulSet, DaemonSet... Short names work (deploy, sts, ds, rs, rc).'
        InputObject = 'Workloads piped in: Get-K8sDeployment or Get-K8sResource output, ConvertFrom-K8sYaml or ConvertFrom-Json objects, objects with Name and Namespace.'
        Namespace   = 'The namespace of workloads that name none. Default: the context''s namespace.'
        Context     = 'The kubeconfig context to use. Default: the current context.'
        WhatIf      = 'Sends the change as a server dry run (kubectl --dry-run=server): the server checks it, nothing is stored, and the result says (server dry run).'
    }
    Examples    = @(
        @{ Code = 'Restart-K8sRollout web'; Remarks = 'kubectl rollout restart deployment/web. Needs: deployment/web.' }
        @{ Code = 'Restart-K8sRollout web; Wait-K8sRollout web'; Remarks = 'Restarts and waits until every pod is replaced. Needs: deployment/web.' }
        @{ Code = 'Get-K8sResource ds -Namespace kube-system | Restart-K8sRollout -WhatIf'; Remarks = 'What would be restarted.' }
    )
    Outputs     = 'K8sPS.Engine.Rollouts.RolloutChange: restarted.'
    Links       = @('Wait-K8sRollout', 'Suspend-K8sRollout', 'kubectl rollout restart')
}
