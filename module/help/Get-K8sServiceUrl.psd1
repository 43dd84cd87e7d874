@{
    Synopsis    = 'Gets the URL of a service, as minikube service --url does.'
    Description = @'
Writes http://<node address>:<node port> for each port of the service that has a node port (NodePort and LoadBalancer services). The node is the first Ready node by name, and its address is its InternalIP, as minikube prints for its node. On the K8sPS local cluster node addresses are loopback (127.0.49.2 for the first node): the URL never leads off this machine, and since its nodes are simulated nothing answers on the node port. A ClusterIP service has no URL: that is an error that says so.
'@
    Parameters  = @{
        Name      = 'The names of the services.'
        Namespace = 'The namespace of the services. Default: the context''s namespace.'
        Https     = 'Writes https:// URLs instead of http:// (minikube --https).'
        Context   = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sServiceUrl first-app'; Remarks = 'minikube service first-app --url. Needs: deployment/first-app, service/first-app.' }
        @{ Code = 'Invoke-WebRequest (Get-K8sServiceUrl web)'; Remarks = 'Calls the service from this machine (on a real cluster; the local cluster runs no containers).' }
        @{ Code = 'Get-K8sService | Where-Object Type -ne ClusterIP | Get-K8sServiceUrl'; Remarks = 'URLs of every exposed service of the namespace.' }
    )
    Outputs     = 'System.String, one URL per node port.'
    Links       = @('New-K8sService', 'Get-K8sService')
}
