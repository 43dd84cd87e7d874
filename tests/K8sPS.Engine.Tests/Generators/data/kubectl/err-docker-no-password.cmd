kubectl 'create' 'secret' 'docker-registry' 'x' '--docker-username=u' '--docker-server=s' --dry-run=client -o json
