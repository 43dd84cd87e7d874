@{
    Synopsis    = 'Deletes objects of any kind: by kind and name, by label selector, by manifest file, or piped in.'
    Description = @'
Deletes objects of any kind the server serves, named as Get-K8sResource names them, or the objects a manifest file or folder describes (-Path), or objects piped in (K8sPS objects, Get-K8sResource, ConvertFrom-K8sYaml or ConvertFrom-Json output).

Deletions are sent 16 at a time and do not wait for each object to go, so removing the 500 objects of one file takes about a second (kubectl delete -f waits for each object in turn, about 100 s for 500 ConfigMaps). -Wait waits for all of them at the end. Dependents are removed in the background, as kubectl's default cascading does; -Cascade Foreground or Orphan changes that. Supports -WhatIf and -Confirm; an object that does not exist is an ObjectNotFound error for that object, and the others are still deleted.
'@
    Parameters  = @{
        Kind           = 'Kind, plural, singular or short name: Deployment, deployments, deploy, cm, pvc.'
        Name           = 'Names of the objects to delete. Wildcards are allowed.'
        Selector       = 'A label selector: deletes every object of the kind that matches.'
        All            = 'Deletes every object of the kind in the namespace.'
        Path           = 'Manifest files or folders: deletes the objects they describe.'
        LiteralPath    = 'Manifest files or folders taken literally (no wildcards): deletes the objects they describe.'
        Recurse        = 'For folders given to -Path, also reads subfolders.'
        InputObject    = 'Objects to delete: K8sPS objects, Get-K8sResource, ConvertFrom-K8sYaml or ConvertFrom-Json output.'
        Namespace      = 'The namespace of objects that name none. Default: the context''s namespace.'
        Wait           = 'Waits until every deleted object is gone, after all deletions are sent.'
        TimeoutSeconds = 'How long -Wait waits. Default: 120 seconds.'
        Cascade        = 'Background (the default, as kubectl), Foreground, or Orphan (dependents stay).'
        ThrottleLimit  = 'How many requests are in flight at once. Default: 16.'
        Context        = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Remove-K8sResource -Path ./k8s -Recurse'; Remarks = 'kubectl delete -R -f ./k8s, without waiting for each object. Needs: manifest/k8s.' }
        @{ Code = 'Remove-K8sResource cm -Selector app=web -Wait'; Remarks = 'Deletes the ConfigMaps of app web and waits until they are gone. Needs: configmap/web-settings.' }
        @{ Code = 'Get-K8sResource pvc old-* | Remove-K8sResource -WhatIf'; Remarks = 'What would be deleted.' }
    )
    Outputs     = 'None. -Verbose reports each deletion.'
    Links       = @('Get-K8sResource', 'Set-K8sResource', 'kubectl delete')
}
