kubectl 'create' 'secret' 'generic' 'x' '--from-literal=a/b=1' --dry-run=client -o json
