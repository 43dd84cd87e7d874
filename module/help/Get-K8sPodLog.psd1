@{
    Synopsis    = 'Gets the log of a pod''s containers, line by line, as kubectl logs does.'
    Description = @'
Writes each line of a container's log as a string, as kubectl logs prints it. The pod is named (-Name), piped in (Get-K8sPod output binds by Name and Namespace) or chosen by label (-Selector). The container is -Container (init and ephemeral containers too); without it, the one the pod's kubectl.kubernetes.io/default-container annotation names, else its first container (with kubectl's warning "Defaulted container ... out of: ..." when it has several). -AllContainers reads every container, init containers first, each in spec order (kubectl --all-containers reads them in an order that changes from run to run).

With -Selector every matching pod is read and each line starts with [pod/<name>/<container>] (kubectl logs -l --prefix); as kubectl, only the last 10 lines of each unless -Tail is given. -Prefix adds the same prefix without -Selector.

-Follow streams lines as they are written, until the container stops or Ctrl+C (which stops it at once). Several containers (-Selector, -AllContainers, piped pods) are followed at once, at most -MaxLogRequests (default 5, as kubectl's --max-log-requests).

A missing pod or container is one error with kubectl's message and what to do; the server's refusals (a container still waiting to start, no previous run for -Previous) are shown as the server words them.
'@
    Parameters  = @{
        Name           = 'The pod(s). Get-K8sPod output binds by its Name and Namespace.'
        Selector       = 'kubectl logs -l: every pod this label selector matches (app=web, tier in (front,back)). Lines are prefixed [pod/<name>/<container>].'
        Container      = 'kubectl -c: the container (init and ephemeral containers too). Default: the only container, or the kubectl.kubernetes.io/default-container annotation''s.'
        AllContainers  = 'Every container of each pod: init containers, containers, ephemeral containers (kubectl --all-containers).'
        Namespace      = 'The namespace of the pods. Default: the context''s namespace (for piped pods: their own).'
        Tail           = 'The last N lines (kubectl --tail); -1 for all. Default: all, or 10 with -Selector.'
        Since          = 'Only lines newer than this (kubectl --since): 30s, 5m, 1h, a number of seconds, or a TimeSpan.'
        SinceTime      = 'Only lines after this time (kubectl --since-time). Not with -Since.'
        Previous       = 'The log of the previous run of the container, after a restart (kubectl -p).'
        Timestamps     = 'Each line starts with the RFC 3339 time it was written (kubectl --timestamps).'
        Follow         = 'Stream new lines as they are written until the container stops or Ctrl+C (kubectl -f).'
        Prefix         = 'Start each line with [pod/<name>/<container>] (kubectl --prefix); always so with -Selector.'
        LimitBytes     = 'At most this many bytes of each log (kubectl --limit-bytes).'
        MaxLogRequests = 'How many logs -Follow may stream at once (kubectl --max-log-requests). Default 5; more is an error before anything is read.'
        Context        = 'The kubeconfig context to use. Default: the current context.'
    }
    Examples    = @(
        @{ Code = 'Get-K8sPodLog web-7d4b9c-x2k8p'; Remarks = 'kubectl logs web-7d4b9c-x2k8p' }
        @{ Code = 'Get-K8sPodLog web-7d4b9c-x2k8p -Container sidecar -Tail 20 -Timestamps'; Remarks = 'kubectl logs web-7d4b9c-x2k8p -c sidecar --tail 20 --timestamps' }
        @{ Code = 'Get-K8sPodLog web-7d4b9c-x2k8p -Previous'; Remarks = 'kubectl logs -p: why did the last run end?' }
        @{ Code = 'Get-K8sPodLog -Selector app=web -Since 10m -Follow'; Remarks = 'kubectl logs -l app=web --since 10m -f --prefix' }
        @{ Code = 'Get-K8sPod -Selector app=web | Get-K8sPodLog -Tail 5 -Prefix | Select-String error'; Remarks = 'The errors among the last five lines of each pod.' }
    )
    Outputs     = 'System.String: one line of the log each (prefixed [pod/<name>/<container>] with -Selector or -Prefix).'
    Links       = @('Get-K8sPod', 'Get-K8sEvent', 'kubectl logs')
}
