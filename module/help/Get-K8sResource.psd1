@{
    Synopsis    = 'Gets objects of any kind, named as kubectl names them (deploy, svc, po, cm, pvc...), or what a manifest describes.'
    Description = @'
Gets objects of any kind the server serves, custom resources included: -Kind takes a kind (Deployment), plural (deployments), singular or kubectl short name (deploy, svc, po, cm, pvc), optionally with its group (deployments.apps). -Name takes names or wildcards; -Selector and -FieldSelector filter as kubectl -l and --field-selector do. With -Path, gets the objects a manifest file or folder describes.

Objects of kinds KubernetesClient knows come out as its types (V1Deployment...), so they work with every K8sPS cmdlet and ConvertTo-K8sYaml; other kinds come out as PSCustomObjects. Secrets are the exception: they come out as K8sPS.Engine.Secrets.SecretView (name, type, key names and sizes), as Get-K8sSecret writes them, so no view, Format-List or ConvertTo-Json shows a value; ConvertTo-K8sYaml of one exports it with its data, and Get-K8sSecretValue reads values. Lists stream page by page. A name that does not exist is an ObjectNotFound error for that name.
'@
    Parameters  = @{
        Kind          = 'Kind, plural, singular or short name: Deployment, deployments, deploy, deployments.apps.'
        Name          = 'Names of the objects. Wildcards are allowed. Without -Name, all objects of the kind.'
        Path          = 'Manifest files or folders: gets the objects they describe.'
        LiteralPath    = 'Manifest files or folders taken literally (no wildcards): gets the objects they describe.'
        Recurse       = 'For folders given to -Path, also reads subfolders.'
        InputObject   = 'Objects to read again from the server: K8sPS objects, ConvertFrom-K8sYaml or ConvertFrom-Json output (their kind, name and namespace).'
        Namespace     = 'The namespace to look in. Default: the document''s, else the context''s namespace.'
        AllNamespaces = 'Looks in every namespace (kubectl -A).'
        Selector      = 'A label selector, as kubectl -l: app=web, tier!=db.'
        FieldSelector = 'A field selector, as kubectl --field-selector: status.phase=Running.'
        Context       = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sResource deploy'; Remarks = 'kubectl get deploy' }
        @{ Code = 'Get-K8sResource cm web-* -Namespace prod'; Remarks = 'ConfigMaps whose names start with web-.' }
        @{ Code = 'Get-K8sResource -Path ./k8s -Recurse | ConvertTo-K8sYaml'; Remarks = 'What the server holds for every object of a folder of manifests. Needs: manifest/k8s.' }
        @{ Code = 'ConvertFrom-K8sYaml -Path deploy.yaml | Get-K8sResource'; Remarks = 'The live objects for the documents of a file. Needs: manifest/deploy.yaml.' }
    )
    Outputs     = 'KubernetesClient objects (V1Deployment, V1ConfigMap...), K8sPS.Engine.Secrets.SecretView for secrets, or PSCustomObject for kinds the client does not know.'
    Links       = @('Remove-K8sResource', 'Set-K8sResource', 'ConvertTo-K8sYaml', 'kubectl get')
}
