kubectl 'create' 'secret' 'tls' 'x' '--cert=inputs/tls/rsa.crt' '--key=inputs/app.properties' --dry-run=client -o json
