@{
    Synopsis    = 'Switches the current context, or the namespace a context uses, as kubectl config use-context and set-context --namespace do.'
    Description = @'
Edits the kubeconfig where kubectl would: the current-context goes to the first file listed in KUBECONFIG that exists, a context's namespace goes to the file that defines the context. Only that one value changes; comments, key order, exec and auth-provider blocks and every other byte of the file stay as they were.

With -Name, the context becomes current (and, with -Namespace too, that context's namespace is set). With -Namespace alone, the namespace of the current context is set.
'@
    Parameters  = @{
        Name      = 'The context to make current. It must exist in the kubeconfig.'
        Namespace = 'The namespace the context uses when a cmdlet gets no -Namespace.'
        PassThru  = 'Writes the context after the change.'
    }
    Examples    = @(
        @{ Code = 'Use-K8sContext k8sps-demo'; Remarks = 'Makes k8sps-demo the current context (kubectl config use-context k8sps-demo).' }
        @{ Code = 'Use-K8sContext -Namespace shop'; Remarks = 'Cmdlets now work in namespace shop by default (kubectl config set-context --current --namespace shop).' }
        @{ Code = 'Get-K8sContext prod | Use-K8sContext -WhatIf'; Remarks = 'Shows which file would change, and how, without changing it.' }
    )
    Links       = @('Get-K8sContext')
}
