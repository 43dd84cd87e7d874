kubectl 'create' 'secret' 'tls' 'x' '--cert=inputs/tls/ed25519.crt' '--key=inputs/tls/other-ed25519.key' --dry-run=client -o json
