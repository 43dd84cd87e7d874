kubectl 'create' 'secret' 'tls' 'x' '--cert=inputs/app.properties' '--key=inputs/tls/rsa.key' --dry-run=client -o json
