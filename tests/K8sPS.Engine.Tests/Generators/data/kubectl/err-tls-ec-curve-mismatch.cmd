kubectl 'create' 'secret' 'tls' 'x' '--cert=inputs/tls/ec.crt' '--key=inputs/tls/ec384.key' --dry-run=client -o json
