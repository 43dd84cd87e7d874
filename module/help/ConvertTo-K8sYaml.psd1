@{
    Synopsis    = 'Writes objects as YAML exactly as kubectl get -o yaml prints them.'
    Description = @'
Takes K8sPS objects (V1Deployment, V1Pod...), ConvertFrom-K8sYaml output, `kubectl get -o json | ConvertFrom-Json` output or hashtables and writes the YAML kubectl would print for the same object, byte for byte: keys in go-yaml's order, lists not indented under their key, quotes only where a plain value would change meaning, long values folded at 80 columns, managedFields hidden. So `Get-K8sDeployment web | ConvertTo-K8sYaml > web.yaml` gives a file that Set-K8sResource (or kubectl apply) applies back unchanged.

Secrets are exported with their data, as kubectl get secret -o yaml prints them (base64-encoded, which is not encryption): this is the explicit way to a secret's whole object, so the text it writes holds every value. What Get-K8sSecret, New-K8sSecret and Get-K8sResource show of a secret holds none; only this export and Get-K8sSecretValue read values.

One object gives one document; several piped objects give one List, as kubectl get prints several.
'@
    Parameters  = @{
        InputObject       = 'The objects to write. Several give a kind List.'
        ShowManagedFields = 'Keeps metadata.managedFields, which kubectl shows only with --show-managed-fields.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sDeployment web | ConvertTo-K8sYaml'; Remarks = 'kubectl get deployment web -o yaml. Needs: deployment/web.' }
        @{ Code = 'Get-K8sResource cm -Selector app=web | ConvertTo-K8sYaml | Set-Content backup.yaml'; Remarks = 'Saves the ConfigMaps of app web as one appliable List. Needs: configmap/web-settings.' }
    )
    Outputs     = 'System.String: the YAML text.'
    Links       = @('ConvertTo-K8sJson', 'ConvertFrom-K8sYaml', 'Set-K8sResource')
}
