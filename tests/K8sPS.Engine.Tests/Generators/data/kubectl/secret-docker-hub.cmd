kubectl 'create' 'secret' 'docker-registry' 'hubcred' '--docker-username=bob' '--docker-password=pw' --dry-run=client -o json
