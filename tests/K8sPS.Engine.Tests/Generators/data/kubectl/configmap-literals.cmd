kubectl 'create' 'configmap' 'app-literals' '--from-literal=mode=production' '--from-literal=greeting=héllo wörld' '--from-literal=empty=' --dry-run=client -o json
