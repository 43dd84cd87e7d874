@{
    Synopsis    = 'Converts kubectl JSON output, hashtables or JSON text into the Kubernetes objects K8sPS cmdlets write.'
    Description = @'
K8sPS loads KubernetesClient in a load context of its own, so scripts cannot name its types ([k8s.Models.V1Pod] does not resolve). ConvertTo-K8sObject is the way to get those objects from other sources: the output of kubectl get -o json | ConvertFrom-Json (a List gives one object per item), a hashtable with apiVersion, kind and metadata, or JSON text. The model is chosen by kind and apiVersion; -Kind names it when the input does not. Objects that already are Kubernetes objects pass through unchanged.
'@
    Parameters  = @{
        InputObject = 'The object to convert.'
        Kind        = 'The kind (Pod, Deployment...) for input that has no kind of its own.'
    }
    Examples    = @(
        @{ Code = 'kubectl get deployment web -o json | ConvertFrom-Json | ConvertTo-K8sObject'; Remarks = 'A V1Deployment, shown with the K8sPS deployment view.' }
        @{ Code = '@{ metadata = @{ name = "web" }; spec = @{ replicas = 2 } } | ConvertTo-K8sObject -Kind Deployment'; Remarks = 'A V1Deployment built from a hashtable.' }
    )
    Outputs     = 'The KubernetesClient model of the kind: k8s.Models.V1Pod, k8s.Models.V1Deployment, ...'
    Links       = @('Test-K8sObject')
}
