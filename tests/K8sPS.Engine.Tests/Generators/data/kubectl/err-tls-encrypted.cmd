kubectl 'create' 'secret' 'tls' 'x' '--cert=inputs/tls/rsa.crt' '--key=inputs/tls/rsa-encrypted.key' --dry-run=client -o json
