@{
    Synopsis    = 'Tests whether an object is a Kubernetes object, optionally of a given kind.'
    Description = @'
The stand-in for -is [k8s.Models.V1Pod], which scripts cannot write because K8sPS keeps KubernetesClient private. True for K8sPS output and for kubectl get -o json | ConvertFrom-Json objects that have apiVersion and kind; with -Typed, only for K8sPS objects. The type names are also on the objects: $pod.PSObject.TypeNames[0] is k8s.Models.V1Pod.
'@
    Parameters  = @{
        InputObject = 'The object to test.'
        Kind        = 'The kind to test for: Pod, Deployment, Service... (case-insensitive). Without it, any kind.'
        Typed       = 'Only true for KubernetesClient objects (what K8sPS cmdlets write), not for plain JSON objects.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sPod | Test-K8sObject -Kind Pod'; Remarks = 'True for each pod. Needs: pod/web-1.' }
        @{ Code = '$item = Get-K8sDeployment web; if (Test-K8sObject $item -Kind Deployment) { $item | Expose-K8sService -Port 80 }'; Remarks = 'Branches on the kind of an object. Needs: deployment/web.' }
    )
    Outputs     = 'System.Boolean'
    Links       = @('ConvertTo-K8sObject')
}
