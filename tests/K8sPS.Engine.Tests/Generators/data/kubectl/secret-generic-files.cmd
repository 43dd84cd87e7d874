kubectl 'create' 'secret' 'generic' 'app-files' '-n' 'team-a' '--from-file=inputs/app.properties' '--from-file=settings=inputs/settings.yaml' '--from-file=inputs/config' --dry-run=client -o json
