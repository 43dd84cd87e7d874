kubectl 'create' 'secret' 'tls' 'web-tls' '--cert=inputs/tls/rsa.crt' '--key=inputs/tls/rsa-pkcs1.key' --dry-run=client -o json
