FROM_ENV='from the environment' kubectl 'create' 'secret' 'generic' 'app-env' '--from-env-file=inputs/app.env' --dry-run=client -o json
