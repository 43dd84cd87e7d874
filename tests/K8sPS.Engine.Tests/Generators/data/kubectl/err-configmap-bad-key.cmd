kubectl 'create' 'configmap' 'x' '--from-literal=..=1' --dry-run=client -o json
