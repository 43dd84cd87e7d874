kubectl 'create' 'secret' 'generic' 'x' '--from-env-file=inputs/app.env' '--from-literal=a=1' --dry-run=client -o json
