kubectl 'create' 'secret' 'generic' 'typed' '--type=example.com/custom' '--from-literal=a=1' --dry-run=client -o json
