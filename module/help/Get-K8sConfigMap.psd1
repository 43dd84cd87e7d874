@{
    Synopsis    = 'Gets config maps with kubectl get configmaps'' columns (NAME DATA AGE).'
    Description = @'
Gets config maps by name (wildcards allowed), label selector or field selector, in one namespace or all. Each is the V1ConfigMap the server returned: its data and binaryData are the object's properties (a ConfigMap is not secret), and ConvertTo-K8sYaml prints it as kubectl get configmap -o yaml does.
'@
    Parameters  = @{
        Name          = 'Names of the config maps. Wildcards are allowed. Without -Name, all.'
        Namespace     = 'The namespace to look in. Default: the context''s namespace.'
        AllNamespaces = 'Looks in every namespace (kubectl -A).'
        Selector      = 'A label selector, as kubectl -l.'
        FieldSelector = 'A field selector, as kubectl --field-selector.'
        Context       = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sConfigMap'; Remarks = 'kubectl get configmaps' }
        @{ Code = '(Get-K8sConfigMap nginx-config).Data[''reverseproxy.conf'']'; Remarks = 'One key''s text. Needs: configmap/nginx-config.' }
    )
    Outputs     = 'k8s.Models.V1ConfigMap'
    Links       = @('New-K8sConfigMap', 'Get-K8sResource', 'kubectl get configmaps')
}
