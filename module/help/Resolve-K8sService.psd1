@{
    Synopsis    = 'Resolves a name as a pod would: the service, cluster IP, ports and ready endpoints cluster DNS would answer, or why it does not resolve.'
    Description = @'
Takes a name as a container would be given it (auth-service, auth-service.default, auth-service.default.svc, auth-service.default.svc.cluster.local, a headless service, a StatefulSet pod such as my-app-0.my-service, a cluster IP, host:port or a URL) and answers it as the pod's resolver (search list <namespace>.svc.cluster.local, svc.cluster.local, cluster.local; ndots 5; the pod's dnsPolicy and dnsConfig with -Pod) and CoreDNS would: the name that answered, the cluster IP (or for a headless service the ready endpoints' IPs), the ports, and the ready and not-ready endpoints behind it. An IP is not looked up but recognised as a service's cluster IP or a pod's IP.

A name that would not resolve is an ObjectNotFound error that says why: no such service in that namespace (and in which namespace one of that name exists), no such namespace, a headless service with no ready endpoints, a StatefulSet pod name without hostname/subdomain, or a value that is not a host name at all (a YAML line whose // "comment" became part of the value). A name that resolves to a service with no ready endpoints, or a port the service does not have, gives a warning. Nothing is sent on the network: the answer is computed from the cluster's services, endpoints and pods.
'@
    Parameters  = @{
        Name          = 'The names, addresses, host:port or URLs to resolve.'
        Namespace     = 'The namespace of the pod that asks. Default: the context''s namespace.'
        Pod           = 'A pod (in -Namespace) whose DNS settings apply: its dnsPolicy, dnsConfig and hostNetwork.'
        ClusterDomain = 'The cluster''s DNS domain (the kubelet''s --cluster-domain). Default: cluster.local.'
        Context       = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Resolve-K8sService auth-service -Namespace shop'; Remarks = 'What auth-service gives a pod in namespace shop: its cluster IP, port 80 and the auth pods behind it. Needs: service/auth-service.' }
        @{ Code = 'Resolve-K8sService auth-service:80 -Pod users-abc -Namespace shop'; Remarks = 'The users pod''s AUTH_ADDRESS, as that pod''s DNS settings resolve it (from another namespace, name it auth-service.default:80). Needs: service/auth-service, pod/users-abc.' }
        @{ Code = '((Get-K8sPodEnvironment users-abc).Variables | Where-Object Name -EQ AUTH_SERVICE_SERVICE_HOST).Value | Resolve-K8sService'; Remarks = 'Where the injected service variable leads. Needs: service/auth-service, pod/users-abc.' }
        @{ Code = 'Resolve-K8sService my-app-0.my-service'; Remarks = 'A StatefulSet pod by its stable name. Needs: service/my-service, statefulset/my-app.' }
    )
    Outputs     = 'K8sPS.Engine.Networking.ServiceResolution'
    Links       = @('Get-K8sService', 'Get-K8sPodEnvironment', 'Get-K8sServiceUrl')
}
