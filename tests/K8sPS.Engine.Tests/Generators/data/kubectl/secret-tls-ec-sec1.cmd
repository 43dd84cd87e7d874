kubectl 'create' 'secret' 'tls' 'ec-tls' '--cert=inputs/tls/ec.crt' '--key=inputs/tls/ec-sec1.key' --dry-run=client -o json
