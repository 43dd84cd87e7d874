kubectl 'create' 'secret' 'generic' 'app-login' '--from-literal=username=admin' '--from-literal=password=s3cr=t! é' '--from-literal=empty=' --dry-run=client -o json
