@{
    Synopsis    = 'Edits an object in your editor, or by a script block, as kubectl edit does.'
    Description = @'
Opens the object as YAML in the editor named by $env:KUBE_EDITOR, else $env:EDITOR, else vi (notepad on Windows), with kubectl edit's header and without managedFields, and applies what you save. As kubectl edit: a file saved unchanged (or emptied) cancels the edit, with a warning; a file that is not valid YAML, or that the server refuses as invalid, is opened again with the error as comments at the top and your text kept; saving that again unchanged ends with an error (EditCancelled) and keeps your file. Changing apiVersion, kind, name or namespace is refused.

The change is sent as a JSON merge patch carrying the resourceVersion you edited. If someone changed the object while you edited it, the edit is sent again to the new version when none of the fields you changed were changed there too; otherwise nothing is sent and the error (EditConflict) names those fields and the file your edit is saved in.

With -ScriptBlock no editor opens: the script block gets the object as $_ and changes it in place, or returns the new object (or its YAML); if the object changed meanwhile, the script block runs again on the new version.
'@
    Parameters  = @{
        Kind        = 'Kind, plural, singular or short name, as Get-K8sResource takes it: deploy, sts, cm, svc.'
        Name        = 'Names of the objects to edit, one after another.'
        InputObject = 'Objects piped in: K8sPS objects, Get-K8sResource, ConvertFrom-K8sYaml or ConvertFrom-Json output.'
        Namespace   = 'The namespace of objects that name none. Default: the context''s namespace.'
        ScriptBlock = 'Changes the object instead of an editor: $_ is the object (PowerShell objects over its JSON); change it in place or return the new object or YAML text.'
        Context     = 'The kubeconfig context to use. Default: the current context.'
        WhatIf      = 'Sends the change as a server dry run (kubectl --dry-run=server): the server checks it, nothing is stored, and the result says (server dry run).'
    }
    Examples    = @(
        @{ Code = 'Edit-K8sResource deploy web'; Remarks = 'kubectl edit deployment/web, in $env:KUBE_EDITOR or $env:EDITOR. Needs: deployment/web.' }
        @{ Code = '$env:KUBE_EDITOR = ''code --wait''; Edit-K8sResource cm settings'; Remarks = 'In VS Code.' }
        @{ Code = 'Edit-K8sResource deploy web -ScriptBlock { $_.spec.template.spec.containers[0].image = ''nginx:1.25'' }'; Remarks = 'The same change without an editor. Needs: deployment/web.' }
        @{ Code = 'Get-K8sResource deploy -Selector app=shop | Edit-K8sResource -ScriptBlock { $_.spec.replicas = 2 } -WhatIf'; Remarks = 'What the edit would do to each, checked by a server dry run. Needs: deployment/shop.' }
    )
    Outputs     = 'K8sPS.Engine.Rollouts.RolloutChange: edited (or skipped when the saved object equals the one read), with the object as the server answered.'
    Links       = @('Get-K8sResource', 'Set-K8sResource', 'kubectl edit')
}
