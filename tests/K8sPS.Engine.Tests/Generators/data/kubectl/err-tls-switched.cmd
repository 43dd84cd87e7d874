kubectl 'create' 'secret' 'tls' 'x' '--cert=inputs/tls/rsa.key' '--key=inputs/tls/rsa.crt' --dry-run=client -o json
