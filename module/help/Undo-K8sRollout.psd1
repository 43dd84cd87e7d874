@{
    Synopsis    = 'Rolls a workload back to an earlier revision, as kubectl rollout undo does.'
    Description = @'
Restores the pod template of an earlier revision of a Deployment, StatefulSet or DaemonSet, as kubectl rollout undo: for a Deployment the ReplicaSet's template without its pod-template-hash label, with its annotations carried back (change-cause included), sent as kubectl's JSON patch; for a StatefulSet or DaemonSet the ControllerRevision's data. Without -ToRevision, the revision before the current one.

When the current template already is that revision, nothing is sent and the result says "skipped rollback (current template already matches revision N)". A revision that does not exist is an error (RevisionNotFound) that names the revisions there are; a paused Deployment is refused (resume it first).
'@
    Parameters  = @{
        Name        = 'Names of the workloads; kubectl''s kind/name form (statefulset/db, ds/agent) names the kind too.'
        Kind        = 'The kind of names given without one, and of piped objects that say none: Deployment (the default), StatefulSet, DaemonSet... Short names work (deploy, sts, ds, rs, rc).'
        InputObject = 'Workloads piped in: Get-K8sDeployment or Get-K8sResource output, ConvertFrom-K8sYaml or ConvertFrom-Json objects, objects with Name and Namespace.'
        Namespace   = 'The namespace of workloads that name none. Default: the context''s namespace.'
        Context     = 'The kubeconfig context to use. Default: the current context.'
        ToRevision  = 'kubectl --to-revision: the revision to go back to. 0 (the default): the one before the current.'
        WhatIf      = 'Sends the change as a server dry run (kubectl --dry-run=server): the server checks it, nothing is stored, and the result says (server dry run).'
    }
    Examples    = @(
        @{ Code = 'Undo-K8sRollout web'; Remarks = 'kubectl rollout undo deployment/web. Needs: deployment/web.' }
        @{ Code = 'Undo-K8sRollout web -ToRevision 1'; Remarks = 'kubectl rollout undo deployment/web --to-revision=1. Needs: deployment/web.' }
        @{ Code = 'Undo-K8sRollout web -ToRevision 2 -WhatIf'; Remarks = 'What would be restored, checked by a server dry run. Needs: deployment/web.' }
    )
    Outputs     = 'K8sPS.Engine.Rollouts.RolloutChange: rolled back (or kubectl''s skipped rollback message), with the revision and its images (Detail).'
    Links       = @('Get-K8sRolloutHistory', 'Wait-K8sRollout', 'kubectl rollout undo')
}
