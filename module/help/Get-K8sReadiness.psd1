@{
    Synopsis    = 'Says whether objects are ready and, when not, why: the counts, the conditions with their reasons, and the last warning events.'
    Description = @'
Reads each object fresh from the server and judges it as kubectl rollout status and the controllers do: a Deployment is ready when its latest change is observed and every desired replica is updated, ready and available; a StatefulSet, ReplicaSet or ReplicationController when its ready replicas reach the desired count; a DaemonSet when every scheduled pod is updated and ready; a Pod or Node when its Ready condition is True; a Job when it is Complete; a claim or volume when Bound; a namespace when Active; a Service when its Endpoints hold a ready address. Other kinds with a Ready or Available condition go by it.

When an object is not ready, the report also carries the last warning events about it and, for a workload, about its pods (FailedScheduling, BackOff, FailedMount...): what you would look at next. The Pester assertions Should -BeK8sReady, -HaveK8sReplicas, -BeK8sRunningOn, -HaveK8sCondition and -HaveK8sEndpoints are built on it.
'@
    Parameters  = @{
        InputObject = 'Objects to judge: K8sPS objects (Get-K8sDeployment...), Get-K8sResource, ConvertFrom-K8sYaml or ConvertFrom-Json output. Each is read again from the server.'
        Kind        = 'Kind, plural, singular or short name of the objects named by -Name: deploy, sts, ds, po, svc, pvc, node.'
        Name        = 'Names of the objects to judge.'
        Namespace   = 'The namespace to look in. Default: the object''s own, else the context''s.'
        Context     = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sDeployment | Get-K8sReadiness | Where-Object -Not Ready'; Remarks = 'The deployments of the namespace that are not ready, with why. Needs: deployment/web.' }
        @{ Code = 'Get-K8sReadiness deploy web | Format-List'; Remarks = 'Counts, conditions and the last warning events of deployment web. Needs: deployment/web.' }
        @{ Code = 'Get-K8sReadiness svc web'; Remarks = 'Whether service web has ready endpoints, and which. Needs: deployment/web, service/web.' }
    )
    Outputs     = 'K8sPS.Engine.Readiness.ReadinessReport: Kind, Name, Namespace, Ready, Summary, Replicas, ReadyReplicas, NodeName, Conditions, AllConditions, Events.'
    Links       = @('Get-K8sResource', 'Register-K8sShouldOperator', 'kubectl rollout status', 'kubectl wait')
}
