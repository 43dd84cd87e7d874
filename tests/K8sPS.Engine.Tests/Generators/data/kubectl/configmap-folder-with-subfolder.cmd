kubectl 'create' 'configmap' 'nested' '--from-file=inputs/nested' --dry-run=client -o json
