kubectl 'create' 'secret' 'tls' 'chain-tls' '--cert=inputs/tls/chain.crt' '--key=inputs/tls/rsa.key' --dry-run=client -o json
