kubectl 'create' 'secret' 'generic' 'x' '--from-file=k=inputs/config' --dry-run=client -o json
