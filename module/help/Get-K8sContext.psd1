@{
    Synopsis    = 'Lists the contexts of the kubeconfig, as kubectl config get-contexts does.'
    Description = @'
Reads the kubeconfig the way kubectl does (the files listed in KUBECONFIG, merged with the first definition of a name winning, or ~/.kube/config) and writes one object per context: its name, cluster, user, namespace, API server, how the user authenticates (Token, ClientCertificate, Exec, AuthProvider, Basic) and whether it is the current context. Credentials are never shown.

Every cmdlet that talks to a cluster takes -Context with one of these names; without it, the current context is used.
'@
    Parameters  = @{
        Name    = 'Names of the contexts to show. Wildcards are allowed. Without -Name, every context is shown.'
        Current = 'Shows only the current context.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sContext'; Remarks = 'Lists every context; the current one is marked with * in the CURRENT column.' }
        @{ Code = '(Get-K8sContext -Current).Namespace'; Remarks = 'The namespace the current context uses by default (empty means "default").' }
        @{ Code = 'Get-K8sContext k8sps-* | Select-Object Name, Server, AuthMethod'; Remarks = 'The local clusters K8sPS started, with their API servers.' }
    )
    Outputs     = 'K8sPS.Engine.Connection.KubeContextInfo: Name, Cluster, User, Namespace, EffectiveNamespace, Server, AuthMethod, IsCurrent, SourceFile.'
    Links       = @('Use-K8sContext', 'kubectl config get-contexts')
}
