@{
    Synopsis    = 'Pauses a Deployment''s rollout, as kubectl rollout pause does.'
    Description = @'
Sets spec.paused on a Deployment: changes to its template are kept but not rolled out until Resume-K8sRollout, as kubectl rollout pause. Only Deployments can be paused; pausing one that is paused already is an error (AlreadyPaused), as in kubectl. The alias Pause-K8sRollout is kubectl's word.
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
        @{ Code = 'Suspend-K8sRollout web'; Remarks = 'kubectl rollout pause deployment/web. Needs: deployment/web.' }
        @{ Code = 'Suspend-K8sRollout web; Set-K8sImage web -Image web=nginx:1.25; Set-K8sImage web -Image side=envoy:1.30; Resume-K8sRollout web'; Remarks = 'Two changes rolled out as one. Needs: deployment/web.' }
    )
    Outputs     = 'K8sPS.Engine.Rollouts.RolloutChange: paused.'
    Links       = @('Resume-K8sRollout', 'kubectl rollout pause')
}
