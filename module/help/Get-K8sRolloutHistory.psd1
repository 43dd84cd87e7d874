@{
    Synopsis    = 'Gets the revisions of a rollout, as kubectl rollout history does.'
    Description = @'
Writes one object per revision of a Deployment (from its ReplicaSets), StatefulSet or DaemonSet (from their ControllerRevisions), oldest first: Revision, ChangeCause, the images of each container, the template hash, the ReplicaSet or ControllerRevision it comes from, and its pod template. Shown as kubectl's REVISION CHANGE-CAUSE table under the workload's name; Format-Table -View K8sPS.RolloutRevision.Images adds the images.

-Revision N writes that revision's pod template instead; a revision that does not exist is an error (RevisionNotFound) that lists the revisions there are.
'@
    Parameters  = @{
        Name        = 'Names of the workloads; kubectl''s kind/name form (statefulset/db, ds/agent) names the kind too.'
        Kind        = 'The kind of names given without one, and of piped objects that say none: Deployment (the default), StatefulSet, DaemonSet... Short names work (deploy, sts, ds, rs, rc).'
        InputObject = 'Workloads piped in: Get-K8sDeployment or Get-K8sResource output, ConvertFrom-K8sYaml or ConvertFrom-Json objects, objects with Name and Namespace.'
        Namespace   = 'The namespace of workloads that name none. Default: the context''s namespace.'
        Context     = 'The kubeconfig context to use. Default: the current context.'
        Revision    = 'kubectl --revision: write the pod template of this revision.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sRolloutHistory web'; Remarks = 'kubectl rollout history deployment/web. Needs: deployment/web.' }
        @{ Code = 'Get-K8sRolloutHistory web | Format-Table -View K8sPS.RolloutRevision.Images'; Remarks = 'The history with each revision''s images. Needs: deployment/web.' }
        @{ Code = 'Get-K8sRolloutHistory web -Revision 2 | ConvertTo-K8sYaml'; Remarks = 'kubectl rollout history deployment/web --revision=2, as YAML. Needs: deployment/web.' }
    )
    Outputs     = 'K8sPS.Engine.Rollouts.RolloutRevision (with Workload and Namespace); with -Revision, k8s.Models.V1PodTemplateSpec.'
    Links       = @('Undo-K8sRollout', 'Set-K8sImage', 'kubectl rollout history')
}
