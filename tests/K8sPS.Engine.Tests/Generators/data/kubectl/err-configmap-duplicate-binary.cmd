kubectl 'create' 'configmap' 'x' '--from-file=inputs/logo.bin' '--from-file=logo.bin=inputs/app.properties' --dry-run=client -o json
