@{
    Synopsis    = 'Adds, changes or removes labels of objects of any kind, as kubectl label does.'
    Description = @'
Adds the labels of -Label and removes the keys of -Remove on each object of -Kind (any kind the server serves, named as Get-K8sResource names them: cm, deploy, svc, deployments.apps...), named by -Name, chosen by -Selector or -All (in the namespace, or in every namespace with -AllNamespaces), or piped in (Get-K8sResource, Get-K8sConfigMap, Get-K8sPod... output). The alias Label-K8sResource reads as kubectl does.

As kubectl does, a key the object already has with another value is changed only with -Overwrite: without it that object is refused with a LabelExists error that says so, nothing of it changes, and the other objects are still labelled. Giving a key the value it already has changes nothing (-Verbose: "configmap/x not labeled"). Removing a key the object lacks is a warning (kubectl: label "x" not found.), not an error.

Keys and values are checked by the rules the server applies before anything is read or sent, and a bad one is refused with the rule named in kubectl's words. An object that does not exist is that object's NotFound error; an unknown kind is one error. Each object is read and sent kubectl's JSON merge patch of its labels (only the keys that change) with the resourceVersion it was read at (as kubectl label --resource-version), 16 objects at a time: when someone changed the object since, the server answers 409 Conflict and the object is read and judged again, so a label set meanwhile is not overwritten without -Overwrite. -Verbose says "configmap/x labeled" as kubectl prints it. Output follows the input order. Supports -WhatIf and -Confirm.
'@
    Parameters  = @{
        Kind          = 'Kind, plural, singular or short name: ConfigMap, configmaps, cm, deploy, deployments.apps.'
        Name          = 'Names of the objects to label.'
        InputObject   = 'Objects to label: Get-K8sResource / Get-K8s* output, ConvertFrom-K8sYaml or ConvertFrom-Json output. Each is read again from the server before it is changed.'
        Label         = 'The labels to add or change, as a hashtable: @{ tier = ''front'' }. Positional after the names; with -Selector or -All, give it by name.'
        Remove        = 'Label keys to remove (kubectl''s key-).'
        Overwrite     = 'Allows changing the value of a key the object already has (kubectl --overwrite).'
        Selector      = 'Labels every object of the kind matching this label selector (kubectl label -l ...).'
        All           = 'Labels every object of the kind in the namespace (kubectl label --all).'
        AllNamespaces = 'With -Selector or -All: the objects of every namespace (kubectl label -A).'
        Namespace     = 'The namespace of the objects (of piped objects that name none). Default: the context''s namespace.'
        ThrottleLimit = 'How many objects are changed at once. Default: 16.'
        PassThru      = 'Writes each object as the server has it afterwards, as Get-K8sResource writes it.'
        Context       = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Set-K8sResourceLabel cm web-settings @{ tier = ''front'' }'; Remarks = 'kubectl label configmap web-settings tier=front. Needs: configmap/web-settings.' }
        @{ Code = 'Set-K8sResourceLabel deploy web @{ team = ''shop'' } -Overwrite -Verbose'; Remarks = 'Changes an existing label (kubectl label deployment web team=shop --overwrite); -Verbose says deployment.apps/web labeled. Needs: deployment/web.' }
        @{ Code = 'Label-K8sResource cm web-settings -Remove app'; Remarks = 'kubectl label configmap web-settings app-. Needs: configmap/web-settings.' }
        @{ Code = 'Set-K8sResourceLabel cm -Selector app=web -Label @{ release = ''v2'' } -PassThru'; Remarks = 'Labels every ConfigMap of app web and writes each as the server has it (kubectl label cm -l app=web release=v2). Needs: configmap/web-settings.' }
        @{ Code = 'Get-K8sConfigMap | Set-K8sResourceLabel -Label @{ owner = ''team-a'' } -WhatIf'; Remarks = 'Shows which ConfigMaps would be labelled, without labelling them. Needs: configmap/web-settings.' }
    )
    Outputs     = 'None by default; with -PassThru, each object as Get-K8sResource writes it.'
    Links       = @('Get-K8sResource', 'Set-K8sNodeLabel', 'kubectl label')
}
