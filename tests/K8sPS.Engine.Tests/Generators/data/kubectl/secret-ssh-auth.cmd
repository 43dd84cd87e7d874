kubectl 'create' 'secret' 'generic' 'git-ssh' '--type=kubernetes.io/ssh-auth' '--from-file=ssh-privatekey=inputs/id_ed25519' --dry-run=client -o json
