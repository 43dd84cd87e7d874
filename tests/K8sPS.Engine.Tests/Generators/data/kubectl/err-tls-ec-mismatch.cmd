kubectl 'create' 'secret' 'tls' 'x' '--cert=inputs/tls/ec.crt' '--key=inputs/tls/other-ec.key' --dry-run=client -o json
