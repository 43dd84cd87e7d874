kubectl 'create' 'secret' 'generic' 'nested' '--from-file=inputs/nested' --dry-run=client -o json
