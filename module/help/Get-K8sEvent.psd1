@{
    Synopsis    = 'Gets events, of a namespace, of all, or of one object, as kubectl events does.'
    Description = @'
Writes the events of the namespace (or of every namespace with -AllNamespaces, or about one object with -For kind/name or piped objects) in kubectl events' order, oldest first, shown with its columns: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE (NAMESPACE first across namespaces). Each column is a property (LastSeen, Type, Reason, Object, Message) and Event holds the event itself. For a piped object, events of an earlier object of the same name are left out (by UID).

-Watch writes the events there are and then each new or updated one as it happens (one watch, resumed when the connection drops), until Ctrl+C, which stops it at once.
'@
    Parameters  = @{
        Namespace     = 'The namespace to look in. Default: the context''s namespace (for piped objects: their own).'
        AllNamespaces = 'Every namespace (kubectl -A); the table shows NAMESPACE first.'
        For           = 'kubectl --for kind/name: only the events about that object: pod/web-1, deploy/web.'
        InputObject   = 'Objects whose events to show: K8sPS objects, Get-K8sResource output, ConvertFrom-Json objects.'
        Type          = 'kubectl --types: Normal, Warning or both.'
        Watch         = 'After the events there are, stream new ones until Ctrl+C (kubectl events --watch).'
        Context       = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sEvent'; Remarks = 'kubectl events' }
        @{ Code = 'Get-K8sEvent -For deploy/web'; Remarks = 'kubectl events --for deploy/web. Needs: deployment/web.' }
        @{ Code = 'Get-K8sPod -Selector app=web | Get-K8sEvent -Type Warning'; Remarks = 'The warnings about each pod of app web. Needs: deployment/web.' }
        @{ Code = 'Get-K8sEvent -AllNamespaces -Watch'; Remarks = 'kubectl events -A --watch' }
    )
    Outputs     = 'K8sPS.Engine.Events.EventRow: Namespace, LastSeen, Type, Reason, Object, Message and the event (Event).'
    Links       = @('Get-K8sPod', 'Wait-K8sRollout', 'kubectl events')
}
