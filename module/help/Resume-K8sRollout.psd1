@{
    Synopsis    = 'Resumes a paused Deployment''s rollout, as kubectl rollout resume does.'
    Description = @'
Clears spec.paused on a Deployment, so the changes made while it was paused roll out, as kubectl rollout resume. Resuming one that is not paused is an error (NotPaused), as in kubectl.
'@
    Parameters  = @{
        Name        = 'Names of the workloads; kubectl''s kind/name form (statefulset/db, ds/agent) names the kind too.'
        Kind        = 'The kind of names given without one: Deployment (the default; only Deployments can be paused).'
        InputObject = 'Workloads piped in: Get-K8sDeployment or Get-K8sResource output, ConvertFrom-K8sYaml or ConvertFrom-Json objects, objects with Name and Namespace.'
        Namespace   = 'The namespace of workloads that name none. Default: the context''s namespace.'
        Context     = 'The kubeconfig context to use. Default: the current context.'
        WhatIf      = 'Sends the change as a server dry run (kubectl --dry-run=server): the server checks it, nothing is stored, and the result says (server dry run).'
    }
    Examples    = @(
        @{ Code = 'Suspend-K8sRollout web; Resume-K8sRollout web'; Remarks = 'kubectl rollout pause, then kubectl rollout resume deployment/web. Needs: deployment/web.' }
        @{ Code = 'Suspend-K8sRollout web; Set-K8sImage web -Image web=nginx:1.26; Resume-K8sRollout web; Wait-K8sRollout web'; Remarks = 'Pauses, changes the image (nothing rolls out while paused), resumes: one rollout, waited for. Needs: deployment/web.' }
    )
    Outputs     = 'K8sPS.Engine.Rollouts.RolloutChange: resumed.'
    Links       = @('Suspend-K8sRollout', 'Wait-K8sRollout', 'kubectl rollout resume')
}
