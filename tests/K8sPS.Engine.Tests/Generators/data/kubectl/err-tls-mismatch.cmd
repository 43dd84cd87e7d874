kubectl 'create' 'secret' 'tls' 'x' '--cert=inputs/tls/rsa.crt' '--key=inputs/tls/other-rsa.key' --dry-run=client -o json
