kubectl 'create' 'secret' 'tls' 'x' '--cert=inputs/tls/rsa.crt' '--key=inputs/tls/ec.crt' --dry-run=client -o json
