@{
    Synopsis    = 'Writes objects as JSON exactly as kubectl get -o json prints them.'
    Description = @'
Takes K8sPS objects, ConvertFrom-K8sYaml output, ConvertFrom-Json output or hashtables and writes the JSON kubectl would print: keys sorted, four-space indent, <, > and & escaped as Go does, no null fields, managedFields hidden. Unlike ConvertTo-Json there is no depth limit, so deep specs are never cut short.

Secrets are exported with their data, as kubectl get secret -o json prints them (base64-encoded, which is not encryption): this is the explicit way to a secret's whole object, so the text it writes holds every value. What Get-K8sSecret, New-K8sSecret and Get-K8sResource show of a secret holds none; only this export and Get-K8sSecretValue read values.

One object gives one JSON object; several piped objects give one List, as kubectl get prints several.
'@
    Parameters  = @{
        InputObject       = 'The objects to write. Several give a kind List.'
        ShowManagedFields = 'Keeps metadata.managedFields, which kubectl shows only with --show-managed-fields.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sPod web-1 | ConvertTo-K8sJson'; Remarks = 'kubectl get pod web-1 -o json. Needs: pod/web-1.' }
        @{ Code = 'ConvertFrom-K8sYaml -Path deploy.yaml | ConvertTo-K8sJson'; Remarks = 'A YAML manifest as JSON.' }
    )
    Outputs     = 'System.String: the JSON text.'
    Links       = @('ConvertTo-K8sYaml', 'ConvertFrom-K8sYaml')
}
