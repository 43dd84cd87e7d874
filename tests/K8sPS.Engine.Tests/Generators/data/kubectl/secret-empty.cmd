kubectl 'create' 'secret' 'generic' 'empty' --dry-run=client -o json
