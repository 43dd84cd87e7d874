@{
    Synopsis    = 'Waits for a condition on objects of any kind, as kubectl wait does.'
    Description = @'
Watches each object (a dropped connection is resumed) until --for holds, as kubectl wait: condition=Type or condition=Type=value (a status condition, compared case-insensitively), jsonpath={expression} or jsonpath={expression}=value, delete (gone, or replaced by another object of the name), create (there). Objects by kind and name, by label selector (-Selector: every object that matches when the wait starts), or piped in; all are waited for at once within the one -Timeout, and each is written as its wait ends, printed as kubectl's "deployment.apps/web condition met".

As kubectl: a condition or jsonpath wait on an object that does not exist is a NotFound error at once; a delete wait on one that does not exist is met at once. A timeout is a WaitTimeout error that says what was seen last ("last seen: condition Available is False (MinimumReplicasUnavailable)"). Ctrl+C stops it at once.
'@
    Parameters  = @{
        For         = 'kubectl --for: condition=Ready, condition=Available=false, jsonpath={.status.phase}=Running, jsonpath={.status.readyReplicas}, delete, create.'
        Kind        = 'Kind, plural, singular or short name, as Get-K8sResource takes it: pod, deploy, job, pvc; with piped objects, the kind of those that say none.'
        Name        = 'Names of the objects to wait for.'
        Selector    = 'A label selector (kubectl -l): every object that matches it.'
        InputObject = 'Objects piped in: K8sPS objects, Get-K8sResource, ConvertFrom-K8sYaml or ConvertFrom-Json output.'
        Namespace   = 'The namespace of objects that name none. Default: the context''s namespace.'
        Timeout     = 'How long to wait: a kubectl duration (30s, 5m), a number of seconds, or a TimeSpan. Default 30 s, as kubectl; 0 checks once; a negative value waits as long as it takes.'
        Context     = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Wait-K8sCondition pod web-0 -For condition=Ready'; Remarks = 'kubectl wait pod/web-0 --for=condition=Ready. Needs: pod/web-0.' }
        @{ Code = 'Wait-K8sCondition deploy -Selector app=web -For condition=Available -Timeout 2m'; Remarks = 'kubectl wait deploy -l app=web --for=condition=Available --timeout=2m. Needs: deployment/web.' }
        @{ Code = 'Wait-K8sCondition job migrate -For ''jsonpath={.status.succeeded}=1'''; Remarks = 'Until the job has succeeded once. Needs: job/migrate.' }
        @{ Code = 'Get-K8sPod -Selector app=old | Wait-K8sCondition -For delete'; Remarks = 'Until each of those pods is gone.' }
    )
    Outputs     = 'K8sPS.Rollouts.K8sWaitResult: Kind, TypeName, Name, Namespace, Condition, Observed, Elapsed and the object as it was then (Object).'
    Links       = @('Wait-K8sRollout', 'Get-K8sEvent', 'kubectl wait')
}
