kubectl 'create' 'secret' 'tls' 'ed-tls' '--cert=inputs/tls/ed25519.crt' '--key=inputs/tls/ed25519.key' --dry-run=client -o json
