@{
    Synopsis    = 'Reads the values of a secret: as SecureString by default, as plain text only with -AsPlainText.'
    Description = @'
The one K8sPS command that gives a secret's values, so reading them is always a visible, deliberate step. With one -Key it writes that key's value; otherwise an ordered hashtable of key -> value for the keys asked (default: all).

Values are SecureString by default (text that formatting, logs and transcripts do not show), plain strings with -AsPlainText (anything that prints them then shows them), or the stored bytes with -AsByteArray (binary values such as keystores; a value that is not UTF-8 text is an error for the other two). A key the secret lacks is an ObjectNotFound error that names the keys it has.
'@
    Parameters  = @{
        Name        = 'The secret''s name; binds from the Name of a piped secret.'
        Namespace   = 'The namespace. Default: the context''s namespace; binds from the Namespace of a piped secret.'
        Key         = 'The keys to read. One key writes its value alone; default all keys, as a hashtable.'
        AsPlainText = 'Writes values as plain strings.'
        AsByteArray = 'Writes values as the bytes stored.'
        Context     = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = '$password = Get-K8sSecretValue db-secrets -Key password'; Remarks = 'A SecureString, e.g. for New-Object PSCredential or another secret. Needs: secret/db-secrets.' }
        @{ Code = 'Get-K8sSecretValue db-secrets -Key username -AsPlainText'; Remarks = 'kubectl get secret db-secrets -o jsonpath=''{.data.username}'' | base64 -d. Needs: secret/db-secrets.' }
        @{ Code = 'Get-K8sSecret web-tls | Get-K8sSecretValue -Key tls.crt -AsByteArray | Set-Content -AsByteStream tls.crt'; Remarks = 'Writes the certificate back to a file. Needs: secret/web-tls.' }
    )
    Outputs     = 'System.Security.SecureString, System.String (-AsPlainText) or System.Byte[] (-AsByteArray) for one key; System.Collections.Specialized.OrderedDictionary of key -> value otherwise.'
    Links       = @('Get-K8sSecret', 'New-K8sSecret')
}
