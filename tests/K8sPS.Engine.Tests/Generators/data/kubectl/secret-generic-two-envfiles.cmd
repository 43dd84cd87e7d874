(FROM_ENV unset) kubectl 'create' 'secret' 'generic' 'app-env2' '--from-env-file=inputs/app.env' '--from-env-file=inputs/extra.env' --dry-run=client -o json
