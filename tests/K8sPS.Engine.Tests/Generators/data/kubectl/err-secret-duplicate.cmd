kubectl 'create' 'secret' 'generic' 'x' '--from-file=inputs/app.properties' '--from-literal=app.properties=1' --dry-run=client -o json
