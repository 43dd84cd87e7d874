@{
    Synopsis    = 'Shows the environment variables and the projected files each container of a pod gets, computed as the kubelet computes them.'
    Description = @'
Reads the pod and what it refers to (its Secrets and ConfigMaps, the services of its namespace, its node) and computes, per container (init containers first), what the 1.20 kubelet gives it:

- the environment: the service variables (AUTH_SERVICE_SERVICE_HOST, AUTH_SERVICE_PORT_80_TCP...) of the services that existed when the container started, when enableServiceLinks allows (the kubernetes service always); then envFrom (configMapRef, secretRef, with prefix; keys that are not valid names skipped with the kubelet's event); then env, with secretKeyRef, configMapKeyRef, fieldRef and resourceFieldRef resolved and $(VAR) expanded. Each variable says where it came from.
- the files of its secret, configMap, projected and downwardAPI mounts: path in the container, mode, size and source, with items, defaultMode, per-item modes, fsGroup and subPath honoured.
- why it would not start: a missing Secret, ConfigMap or key that is not optional stops the container with the kubelet's own message (CreateContainerConfigError; the local cluster's simulated kubelet leaves such a pod in it, as a real node does); a volume that cannot be set up keeps it in ContainerCreating. Such a container is also reported as a warning.

Secret values (from a Secret, or pulled into a variable by $(VAR) expansion) are shown as <secret, N bytes> and are null in the objects, unless -AsPlainText. File contents are never read: sizes only.

A service created after a container started gives it no variables until the container is restarted; the output says when it started.
'@
    Parameters  = @{
        Name        = 'The pods (alias -Pod); binds from the Name of a piped pod.'
        Namespace   = 'The pods'' namespace. Default: the context''s namespace; binds from the Namespace of a piped pod.'
        Container   = 'Only this container or init container. Default: all of them.'
        AsPlainText = 'Shows secret values as they are, in the objects and the view.'
        Context     = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sPod -Selector app=wordpress | Get-K8sPodEnvironment'; Remarks = 'What the wordpress and mysql containers see: WORDPRESS_DB_PASSWORD from the secret, masked.' }
        @{ Code = '(Get-K8sPodEnvironment users-abc).Variables | Where-Object Name -like AUTH_SERVICE_*'; Remarks = 'The service variables of auth-service, if it existed when the container started. Needs: service/auth-service, pod/users-abc.' }
        @{ Code = '(Get-K8sPodEnvironment helloworld-abc).Files'; Remarks = 'The files of the secret volume, e.g. /etc/creds/username and /etc/creds/password. Needs: configmap/nginx-config, pod/helloworld-abc.' }
    )
    Outputs     = 'K8sPS.Workloads.PodContainerEnvironment, one per container: Variables, Files, Mounts, Failure, Events, Notes.'
    Links       = @('Get-K8sPod', 'Resolve-K8sService', 'Get-K8sSecret', 'Get-K8sConfigMap')
}
