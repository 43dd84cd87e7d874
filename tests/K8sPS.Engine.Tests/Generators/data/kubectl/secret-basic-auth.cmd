kubectl 'create' 'secret' 'generic' 'login' '--type=kubernetes.io/basic-auth' '--from-literal=username=admin' '--from-literal=password=t0p-Secret' --dry-run=client -o json
