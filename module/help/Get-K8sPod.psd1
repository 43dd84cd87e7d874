@{
    Synopsis    = 'Gets pods, as kubectl get pods does.'
    Description = @'
Writes the pods as KubernetesClient V1Pod objects, shown in a table like kubectl's: NAME READY STATUS RESTARTS AGE. Those columns are real properties (Name, Ready, State, Restarts, Age), so Where-Object and Sort-Object use them; Labels holds the labels, and Format-Table -View ShowLabels shows them as kubectl --show-labels does. Lists are read a page at a time and stream to the pipeline.

A name that does not exist gives an ObjectNotFound error for that name; the other names are still processed.
'@
    Parameters  = @{
        Name          = 'Names of the pods to get. Wildcards are allowed. Without -Name, every pod of the namespace.'
        Namespace     = 'The namespace to look in. Default: the context''s namespace.'
        AllNamespaces = 'Looks in every namespace (kubectl -A). Use Format-Table -View AllNamespaces to see the NAMESPACE column.'
        Selector      = 'A label selector, as kubectl -l: app=web, tier!=db, env in (dev,qa).'
        FieldSelector = 'A field selector, as kubectl --field-selector: status.phase=Running, spec.nodeName=node-1.'
        Context       = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sPod'; Remarks = 'kubectl get pods' }
        @{ Code = 'Get-K8sPod -Selector app=first-app | Format-Table -View ShowLabels'; Remarks = 'kubectl get pods -l app=first-app --show-labels. Needs: deployment/first-app.' }
        @{ Code = 'Get-K8sPod -AllNamespaces | Where-Object State -ne Running | Sort-Object Age'; Remarks = 'Every pod that is not running, newest first.' }
        @{ Code = 'Get-K8sPod -Selector app=web | Remove-K8sPod'; Remarks = 'Deletes the pods of app web; their deployment replaces them. Needs: deployment/web.' }
    )
    Outputs     = 'k8s.Models.V1Pod, with the properties Name, Namespace, Labels, LabelText, Ready, State, Restarts, IP, Node, Created and Age.'
    Links       = @('Remove-K8sPod', 'Get-K8sDeployment', 'kubectl get pods')
}
