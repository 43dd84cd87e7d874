@{
    Synopsis    = 'Exposes a deployment as a service, as kubectl expose deployment does. Alias: Expose-K8sService.'
    Description = @'
Reads the deployment from the server and creates the Service kubectl expose creates for the same input: the selector is the deployment's matchLabels, the labels are the deployment's labels, the port is -Port (or every container port of the deployment, named port-1, port-2...), the target port is -TargetPort or the same as the port, the protocol is -Protocol or the container port's, and the type is -Type (ClusterIP when not given).

The deployment can come from the pipeline (New-K8sDeployment, Get-K8sDeployment, or kubectl JSON objects) or be named. Expose-K8sService is an alias of this cmdlet, for the notes' kubectl expose.
'@
    Parameters  = @{
        Deployment = 'The deployment to expose: a name, or a deployment object from the pipeline.'
        Name       = 'The service name. Default: the deployment''s name.'
        Port       = 'The port the service listens on. Default: the deployment''s container ports.'
        TargetPort = 'The container port traffic goes to, by number or name. Default: the same as -Port.'
        Protocol   = 'TCP, UDP or SCTP. Default: the container port''s protocol, else TCP.'
        Type       = 'ClusterIP (inside the cluster only), NodePort (on every node''s address) or LoadBalancer. Default: ClusterIP.'
        Namespace  = 'The namespace of the deployment and the service. Default: the deployment''s own, else the context''s.'
        Context    = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Expose-K8sService first-app -Port 8080 -Type NodePort'; Remarks = 'kubectl expose deployment first-app --port=8080 --type=NodePort. Needs: deployment/first-app.' }
        @{ Code = 'New-K8sDeployment web -Image nginx -Port 80 | Expose-K8sService -Port 8080 -TargetPort 80 -Type LoadBalancer'; Remarks = 'Creates and exposes a deployment in one pipeline.' }
        @{ Code = 'New-K8sService web -Name web-internal -Port 80'; Remarks = 'A second, ClusterIP service for the same pods. Needs: deployment/web.' }
    )
    Outputs     = 'k8s.Models.V1Service, the object the server created.'
    Links       = @('Get-K8sService', 'Get-K8sServiceUrl', 'Remove-K8sService', 'kubectl expose')
}
