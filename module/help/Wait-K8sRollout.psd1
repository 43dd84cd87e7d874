@{
    Synopsis    = 'Waits until a rollout is done, as kubectl rollout status does.'
    Description = @'
Watches the Deployment, StatefulSet or DaemonSet (one watch on that object; a dropped connection is resumed from the last version seen) and shows kubectl's status lines as progress and -Verbose lines ("Waiting for deployment "web" rollout to finish: 1 of 3 updated replicas are available..."), until the rollout is done. Then it writes an object describing the final state: the message, the revision, the replica counts and how long it waited.

A Deployment past its progressDeadlineSeconds is an error (ProgressDeadlineExceeded) that says so. -Revision fails (RevisionMismatch) when the Deployment has moved to another revision, as kubectl's --revision. -Timeout ends the wait with a WaitTimeout error that says what was seen last. Ctrl+C stops it at once.
'@
    Parameters  = @{
        Name        = 'Names of the workloads; kubectl''s kind/name form (statefulset/db, ds/agent) names the kind too.'
        Kind        = 'The kind of names given without one, and of piped objects that say none: Deployment (the default), StatefulSet, DaemonSet... Short names work (deploy, sts, ds, rs, rc).'
        InputObject = 'Workloads piped in: Get-K8sDeployment or Get-K8sResource output, ConvertFrom-K8sYaml or ConvertFrom-Json objects, objects with Name and Namespace.'
        Namespace   = 'The namespace of workloads that name none. Default: the context''s namespace.'
        Context     = 'The kubeconfig context to use. Default: the current context.'
        Revision    = 'kubectl --revision: the Deployment revision to wait for; the wait fails if the Deployment runs another one.'
        Timeout     = 'How long to wait: a kubectl duration (30s, 5m, 1h30m), a number of seconds, or a TimeSpan. None or 0: as long as it takes, as kubectl.'
    }
    Examples    = @(
        @{ Code = 'Wait-K8sRollout web'; Remarks = 'kubectl rollout status deployment/web. Needs: deployment/web.' }
        @{ Code = 'Set-K8sImage web -Image web=nginx:1.25; Wait-K8sRollout web -Timeout 2m'; Remarks = 'Waits at most two minutes for the new image to roll out. Needs: deployment/web.' }
        @{ Code = 'Get-K8sResource sts -Selector tier=db | Wait-K8sRollout'; Remarks = 'Every StatefulSet of tier db, one after another. Needs: statefulset/db.' }
    )
    Outputs     = 'K8sPS.Engine.Rollouts.RolloutWaitResult: Kind, Name, Namespace, Message, Done, Revision, Replicas, UpdatedReplicas, ReadyReplicas, AvailableReplicas, Elapsed and the object (Object).'
    Links       = @('Set-K8sImage', 'Wait-K8sCondition', 'kubectl rollout status')
}
