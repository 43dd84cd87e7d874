@{
    Synopsis    = 'Gets secrets with kubectl get secrets'' columns (NAME TYPE DATA AGE) and their key names, never their values.'
    Description = @'
Gets secrets by name (wildcards allowed), label selector or field selector, in one namespace or all (-AllNamespaces adds kubectl's NAMESPACE column). Each is written as a K8sPS.Engine.Secrets.SecretView: name, namespace, type, the number of keys (DATA), the keys with their sizes, labels, creation time. It holds no value and no annotation (kubectl apply keeps the whole manifest, values included, in last-applied-configuration), so its table, Format-List *, ConvertTo-Json, Export-Clixml and transcripts show none.

Reading values is explicit: Get-K8sSecretValue gives them as SecureString, or as plain text with -AsPlainText. ConvertTo-K8sYaml and ConvertTo-K8sJson of a secret written here are an explicit export with the data, as kubectl get secret -o yaml is. Get-K8sResource secret writes the same views.
'@
    Parameters  = @{
        Name          = 'Names of the secrets. Wildcards are allowed. Without -Name, all secrets.'
        Namespace     = 'The namespace to look in. Default: the context''s namespace.'
        AllNamespaces = 'Looks in every namespace (kubectl -A).'
        Selector      = 'A label selector, as kubectl -l: app=web, tier!=db.'
        FieldSelector = 'A field selector, as kubectl --field-selector: type=kubernetes.io/tls.'
        Context       = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sSecret'; Remarks = 'kubectl get secrets' }
        @{ Code = 'Get-K8sSecret db-secrets | Format-List'; Remarks = 'The keys and their sizes, as kubectl describe secret db-secrets shows them. Needs: secret/db-secrets.' }
        @{ Code = 'Get-K8sSecret -FieldSelector type=kubernetes.io/tls -AllNamespaces'; Remarks = 'Every TLS secret of the cluster.' }
        @{ Code = 'Get-K8sSecret db-secrets | ConvertTo-K8sYaml'; Remarks = 'kubectl get secret db-secrets -o yaml: an explicit export, with the data base64-encoded. Needs: secret/db-secrets.' }
    )
    Outputs     = 'K8sPS.Engine.Secrets.SecretView: never a value.'
    Links       = @('Get-K8sSecretValue', 'New-K8sSecret', 'Get-K8sResource', 'kubectl get secrets')
}
