@{
    Synopsis    = 'Adds, changes or removes labels of nodes, as kubectl label nodes does.'
    Description = @'
Adds the labels of -Label and removes the keys of -Remove on each node, named by -Name (or piped Get-K8sNode output) or chosen by -Selector. As kubectl does, a key the node already has with another value is changed only with -Overwrite: without it that node is refused with an error that says so, and nothing of it changes. Removing a key the node lacks is a warning (kubectl: label "x" not found.), not an error.

Keys and values are checked by the rules the server applies before anything is sent, and a bad one is refused with the rule named in kubectl's words: a key is [prefix/]name, the name at most 63 characters of letters, digits, '-', '_' and '.' that starts and ends with a letter or digit, the prefix a lowercase DNS subdomain; a value follows the name's rule or is empty. A node that does not exist is that node's NotFound error; the others are still labelled. The change is the JSON merge patch kubectl sends (only the keys that change), with the resourceVersion the node was read at (as kubectl label --resource-version): when the node changed since, the server answers 409 Conflict and the node is read and judged again. Supports -WhatIf and -Confirm.
'@
    Parameters  = @{
        Name      = 'Names of the nodes to label; piped Get-K8sNode output binds here.'
        Selector  = 'Labels every node matching this label selector (kubectl label nodes -l ...).'
        Label     = 'The labels to add or change, as a hashtable: @{ hardware = ''helloworld-only-node'' }.'
        Remove    = 'Label keys to remove (kubectl''s key-).'
        Overwrite = 'Allows changing the value of a key the node already has (kubectl --overwrite).'
        PassThru  = 'Writes each node as the server has it afterwards.'
        Context   = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Set-K8sNodeLabel minikube-m02 @{ hardware = ''helloworld-only-node'' }'; Remarks = 'kubectl label nodes minikube-m02 hardware=helloworld-only-node' }
        @{ Code = 'Set-K8sNodeLabel minikube-m02 @{ hardware = ''gpu'' } -Overwrite'; Remarks = 'Changes an existing label (kubectl label --overwrite).' }
        @{ Code = 'Set-K8sNodeLabel minikube-m02 -Remove hardware'; Remarks = 'kubectl label nodes minikube-m02 hardware-' }
        @{ Code = 'Get-K8sNode | Where-Object Name -like ''*-m0*'' | Set-K8sNodeLabel -Label @{ tier = ''worker'' } -WhatIf'; Remarks = 'Shows which nodes would be labelled, without labelling them.' }
        @{ Code = 'Set-K8sNodeLabel -Selector ''!node-role.kubernetes.io/master'' -Label @{ tier = ''worker'' }'; Remarks = 'Labels every node that is not a control plane node.' }
    )
    Outputs     = 'None by default; with -PassThru, k8s.Models.V1Node.'
    Links       = @('Get-K8sNode', 'New-K8sAffinity', 'kubectl label')
}
