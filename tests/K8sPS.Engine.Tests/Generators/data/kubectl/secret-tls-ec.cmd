kubectl 'create' 'secret' 'tls' 'ec-tls' '--cert=inputs/tls/ec.crt' '--key=inputs/tls/ec.key' --dry-run=client -o json
