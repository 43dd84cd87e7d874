FROM_ENV='from the environment' kubectl 'create' 'configmap' 'app-env' '--from-env-file=inputs/app.env' --dry-run=client -o json
